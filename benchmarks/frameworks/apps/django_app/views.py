"""Views of the Django app of the framework benchmark (issue 14), as Django's docs write them.

Served by Gunicorn with threaded workers (Django docs, "How to use Django with Gunicorn").
Task (c) validates with a Django form (400 with ``form.errors`` on bad input); task (d)
renders with the Django template language (the shared template is valid DTL and Jinja).
"""
import json
import time

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from shared import IO_WAIT_S, ROWS, TITLE

from .forms import OrderForm


@require_GET
def hello(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "Hello, World!"})


@require_GET
def item(request: HttpRequest, item_id: int) -> JsonResponse:
    return JsonResponse({"item_id": item_id, "q": request.GET.get("q")})


@csrf_exempt
@require_POST
def create_order(request: HttpRequest) -> JsonResponse:
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"detail": "body is not JSON"}, status=400)
    form = OrderForm(data if isinstance(data, dict) else {})
    if not form.is_valid():
        return JsonResponse({"detail": form.errors}, status=400)
    order = form.cleaned_data
    return JsonResponse({**order, "total": round(order["quantity"] * order["price"], 2)})


@require_GET
def table(request: HttpRequest) -> HttpResponse:
    return render(request, "table.html", {"title": TITLE, "rows": ROWS})


@require_GET
def io(request: HttpRequest) -> JsonResponse:
    time.sleep(IO_WAIT_S)  # a blocking driver call: holds this worker thread
    return JsonResponse({"waited_ms": round(IO_WAIT_S * 1000)})
