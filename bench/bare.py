"""A bare Django page: a tiny template with a form, through the full middleware stack.

It is what plain Django costs on this machine in the same run, so a page's time can be
read as a multiple of it.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.views.decorators.http import require_GET

TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Kontakt</title></head>
<body>
<main>
<h1>Kontakt</h1>
<form method="post" action="">
{% csrf_token %}
{{ form.as_div }}
<button type="submit">Senden</button>
</form>
</main>
</body>
</html>
"""
)


class BareForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    email = forms.EmailField(label="E-Mail")
    message = forms.CharField(label="Nachricht", widget=forms.Textarea)


@require_GET
def bare_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(TEMPLATE.render({"form": BareForm()}, request))
