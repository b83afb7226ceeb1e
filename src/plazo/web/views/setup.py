"""``/setup/``: the first-run form, offered only while no organisation exists."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from plazo.store.services.access.studio import StudioSetupError, create_studio, has_studio
from plazo.web.forms.setup import SetupForm, place_asked

__all__ = ["setup"]


def setup(request: HttpRequest) -> HttpResponse:
    """Create the studio and log its owner in; a 404 once any organisation exists.

    A GET with a ``country`` (the country select changed) shows the form with what follows from
    that country, keeping what the person changed by hand.
    """
    if has_studio():
        raise Http404("plazo is already set up")
    form = SetupForm(request.POST or None, place=place_asked(request.GET))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = create_studio(
                organisation=data["organisation"],
                email=data["email"],
                password=data["password"],
                owner_name=data["name"],
                language=data["language"],
                currency=data["currency"],
                country=data["country"],
                time_zone=data["time_zone"],
                first=True,
            )
        except StudioSetupError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            login(request, created.owner, backend="plazo.web.backends.EmailOrUsernameBackend")
            return redirect("web:portfolio")
    return render(request, "plazo/setup.html", {"form": form})
