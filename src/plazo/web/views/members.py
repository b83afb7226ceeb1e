"""``/members/``: who belongs to the organisation; owners invite people by e-mail.

The invitation e-mail goes through the outbox (a worker sends it); the page also shows a new
person's one-time link, in case the e-mail goes astray.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plazo.core.errors import PlazoError
from plazo.store.models import Membership, Role
from plazo.store.services.access.members import invite_member
from plazo.web.forms.members import InviteForm
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["members"]


@organisation_view
def members(request: OrganisationRequest) -> HttpResponse:
    """The members; an owner's POST invites one and queues the invitation e-mail."""
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
                    org,
                    form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    now=timezone.now(),
                    invited_by=request.user,
                )
            except PlazoError as error:
                form.add_error("email", str(error))
            else:
                email = invited.membership.user.email
                messages.success(request, _("%(email)s is now a member.") % {"email": email})
                messages.info(
                    request,
                    _(
                        "An invitation e-mail is queued for %(email)s; the worker sends it "
                        "with its next pass (the outbox shows when)."
                    )
                    % {"email": email},
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
