"""``/clients/``: the organisation's clients, a new one, and one client with its contacts."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plazo.store.models import Client, Contact
from plazo.store.services.work.contacts import (
    add_contact,
    create_client_with_contact,
    remove_contact,
)
from plazo.store.services.work.records import RecordError, update_client
from plazo.web.forms.clients import ClientForm, ContactForm, NewClientForm
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = [
    "client_contact_add",
    "client_contact_remove",
    "client_detail",
    "client_list",
    "client_new",
]


def _client(request: OrganisationRequest, client_id: int) -> Client:
    return get_object_or_404(Client.objects.for_organisation(request.organisation), pk=client_id)


@organisation_view
def client_list(request: OrganisationRequest) -> HttpResponse:
    """Every client, with its contacts and how many active projects it has."""
    clients = (
        Client.objects.for_organisation(request.organisation)
        .annotate(active=Count("projects", filter=Q(projects__status="active")))
        .prefetch_related("contacts")
        .order_by("name")
    )
    return render(request, "plazo/clients.html", {"clients": clients, "nav": "clients"})


@organisation_view
def client_new(request: OrganisationRequest) -> HttpResponse:
    """A new client from a name and a contact's e-mail address."""
    org = request.organisation
    form = NewClientForm(
        request.POST or None, organisation_country=org.country, organisation_zone=org.time_zone
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {"name": data["name"].strip(), "register": data["register"]}
        values["country"] = data["country"]
        for field in ("language", "time_zone"):
            if data[field]:
                values[field] = data[field]
        try:
            client = create_client_with_contact(
                request.organisation,
                values,
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
            )
        except RecordError as error:
            form.add_error("name" if error.field == "name" else None, error.message)
        else:
            messages.success(request, _("Client %(name)s added.") % {"name": client.name})
            return redirect("web:client", client_id=client.pk)
    return render(request, "plazo/client_new.html", {"form": form, "nav": "clients"})


@organisation_view
def client_detail(request: OrganisationRequest, client_id: int) -> HttpResponse:
    """Edit the client (language, register, time zone) and see its contacts and projects."""
    client = _client(request, client_id)
    initial = {
        "name": client.name,
        "language": client.language,
        "register": client.register,
        "country": client.country,
        "time_zone": client.time_zone,
        "notes": client.notes,
    }
    form = ClientForm(request.POST or None, initial=initial, language=client.language)
    if request.method == "POST" and form.is_valid():
        try:
            update_client(
                client, {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
            )
        except RecordError as error:
            form.add_error("name" if error.field == "name" else None, error.message)
        else:
            messages.success(request, _("Client saved."))
            return redirect("web:client", client_id=client.pk)
    return render(
        request,
        "plazo/client.html",
        {
            "client": client,
            "form": form,
            "contact_form": ContactForm(),
            "contacts": client.contacts.all(),
            "projects": client.projects.order_by("name"),
            "nav": "clients",
        },
    )


@require_POST
@organisation_view
def client_contact_add(request: OrganisationRequest, client_id: int) -> HttpResponse:
    client = _client(request, client_id)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_contact(client, name=data["name"], email=data["email"], primary=data["is_primary"])
        except RecordError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Contact added."))
    else:
        messages.error(request, _("A contact needs a valid e-mail address."))
    return redirect("web:client", client_id=client.pk)


@require_POST
@organisation_view
def client_contact_remove(request: OrganisationRequest, contact_id: int) -> HttpResponse:
    contact = get_object_or_404(
        Contact.objects.for_organisation(request.organisation), pk=contact_id
    )
    try:
        remove_contact(contact)
    except RecordError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Contact removed."))
    return redirect("web:client", client_id=contact.client_id)
