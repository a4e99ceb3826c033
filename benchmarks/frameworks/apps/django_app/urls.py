from django.urls import path

from . import views

urlpatterns = [
    path("hello", views.hello),
    path("items/<int:item_id>", views.item),
    path("orders", views.create_order),
    path("table", views.table),
    path("io", views.io),
]
