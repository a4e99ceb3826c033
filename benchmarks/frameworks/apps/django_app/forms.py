from django import forms

from shared import ITEM_MAX, QUANTITY_MAX


class OrderForm(forms.Form):
    item = forms.CharField(min_length=1, max_length=ITEM_MAX)
    quantity = forms.IntegerField(min_value=1, max_value=QUANTITY_MAX)
    price = forms.FloatField(min_value=0.01)
