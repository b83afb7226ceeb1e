"""``/members/``: who belongs to the organisation; owners invite people by e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from plazo.store.models import Membership, Role
from plazo.store.services.access.members import MemberError, invite_member
from plazo.web.forms.members import InviteForm
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["members"]


@organisation_view
def members(request: OrganisationRequest) -> HttpResponse:
    """The members; an owner's POST invites one (a new person gets a link to set a password)."""
    org = request.organisation
    mine = next(m for m in request.memberships if m.organisation_id == org.pk)
    is_owner = mine.role == Role.OWNER
    form = InviteForm(request.POST or None)
    link = ""
    status = 200
    if request.method == "POST":
        if not is_owner:
            status = 403
            messages.error(request, _("Only an owner can invite people."))
        elif form.is_valid():
            try:
                invited = invite_member(
                    org, form.cleaned_data["email"], role=form.cleaned_data["role"]
                )
            except MemberError as error:
                form.add_error("email", str(error))
            else:
                messages.success(
                    request,
                    _("%(email)s is now a member.") % {"email": invited.membership.user.email},
                )
                if invited.new_user:
                    link = request.build_absolute_uri(
                        reverse("web:invitation", args=[invited.uid, invited.token])
                    )
                form = InviteForm()
    people = Membership.objects.filter(organisation=org).select_related("user").order_by("pk")
    return render(
        request,
        "plazo/members.html",
        {"people": people, "form": form, "is_owner": is_owner, "link": link, "nav": "members"},
        status=status,
    )
