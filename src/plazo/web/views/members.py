"""``/members/``: who belongs to the organisation; owners invite people by e-mail.

The invitation e-mail goes through the outbox (a worker sends it); the page also shows a new
person's one-time link, in case the e-mail goes astray, and each invitation's delivery state: one
the mail server refused (for good, or for now) can be sent again
(``/members/<id>/resend-invitation/``, owners only). An owner changes a member's role
(``/members/<id>/role/``) and removes a member after a confirmation page
(``/members/<id>/remove/``); the organisation's last owner can be neither demoted nor removed.
Another organisation's membership id is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from plazo.core.errors import PlazoError
from plazo.store.models import Membership, Project, Role
from plazo.store.services.access.members import (
    RESENDABLE,
    MemberError,
    change_role,
    invitation_messages,
    invite_member,
    removal_of,
    remove_member,
    resend_invitation,
)
from plazo.web.forms.members import InviteForm, RoleForm
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["member_remove", "member_role", "members", "resend"]


@organisation_view
def members(request: OrganisationRequest) -> HttpResponse:
    """The members; an owner's POST invites one and queues the invitation e-mail."""
    org = request.organisation
    is_owner = _is_owner(request)
    form = InviteForm(request.POST or None, organisation_language=org.language)
    link = ""
    link_for = ""
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
                    language=form.cleaned_data["language"],
                    name=form.cleaned_data["name"],
                )
            except PlazoError as error:
                form.add_error("email", _refusal(error, form.cleaned_data["email"], org.name))
            else:
                email = invited.membership.user.email
                if invited.membership.role == Role.OWNER:
                    added = _("%(email)s has been added as an owner.")
                else:
                    added = _("%(email)s has been added as a member.")
                messages.success(request, added % {"email": email})
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
                    link_for = _person(invited.membership)
                form = InviteForm(organisation_language=org.language)
    people = Membership.objects.filter(organisation=org).select_related("user").order_by("pk")
    invitations = invitation_messages(org)
    context = {
        "people": [(m, invitations.get(m.pk), RoleForm(initial={"role": m.role})) for m in people],
        "resendable": RESENDABLE,
        "form": form,
        "is_owner": is_owner,
        "link": link,
        "link_for": link_for,
        "nav": "members",
    }
    return render(request, "plazo/members.html", context, status=status)


@require_POST
@organisation_view
def resend(request: OrganisationRequest, membership_id: int) -> HttpResponse:
    """An owner sends a member's invitation again after the mail server refused it."""
    if not _is_owner(request):
        messages.error(request, _("Only an owner can invite people."))
        return redirect("web:members")
    try:
        invited = resend_invitation(
            request.organisation, membership_id, now=timezone.now(), invited_by=request.user
        )
    except Membership.DoesNotExist:
        raise Http404("no such member") from None
    except PlazoError as error:
        messages.error(request, str(error))
        return redirect("web:members")
    email = invited.membership.user.email
    messages.success(
        request,
        _("The invitation to %(email)s is queued again; the worker sends it with its next pass.")
        % {"email": email},
    )
    if invited.new_user:
        link = request.build_absolute_uri(
            reverse("web:invitation", args=[invited.uid, invited.token])
        )
        messages.info(
            request,
            _("If the e-mail does not arrive either, send them this link: %(link)s")
            % {"link": link},
        )
    return redirect("web:members")


def _person(membership: Membership) -> str:
    """How the page names a member: their name and address, or the address alone."""
    user = membership.user
    name = user.get_full_name()
    return f"{name} ({user.email})" if name and user.email else name or user.email


def _membership(request: OrganisationRequest, membership_id: int) -> Membership:
    memberships = Membership.objects.filter(organisation=request.organisation)
    return get_object_or_404(memberships.select_related("user"), pk=membership_id)


def _last_owner_text(membership: Membership) -> str:
    return _(
        "%(person)s is the only owner. Make someone else an owner first, so that somebody can "
        "still invite people and change the settings."
    ) % {"person": _person(membership)}


@require_POST
@organisation_view
def member_role(request: OrganisationRequest, membership_id: int) -> HttpResponse:
    """An owner makes a member an owner, or an owner a member (never the last owner)."""
    if not _is_owner(request):
        messages.error(request, _("Only an owner can change roles or remove people."))
        return redirect("web:members")
    membership = _membership(request, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose owner or member."))
        return redirect("web:members")
    try:
        changed = change_role(request.organisation, membership.pk, role=form.cleaned_data["role"])
    except MemberError as error:
        text = _last_owner_text(membership) if error.code == "last_owner" else str(error)
        messages.error(request, text)
        return redirect("web:members")
    if changed.role == Role.OWNER:
        done = _("%(person)s is now an owner.")
    else:
        done = _("%(person)s is now a member.")
    messages.success(request, done % {"person": _person(changed)})
    return redirect("web:members")


@require_http_methods(["GET", "POST"])
@organisation_view
def member_remove(request: OrganisationRequest, membership_id: int) -> HttpResponse:
    """GET asks for confirmation; an owner's POST takes the person out of the organisation."""
    if not _is_owner(request):
        messages.error(request, _("Only an owner can change roles or remove people."))
        return redirect("web:members")
    membership = _membership(request, membership_id)
    if request.method == "GET":
        owned = Project.objects.for_organisation(request.organisation).filter(owner=membership.user)
        context = {
            "membership": membership,
            "person": _person(membership),
            "yourself": membership.user_id == request.user.pk,
            "owned": owned.count(),
            "removal": removal_of(membership),
            "nav": "members",
        }
        return render(request, "plazo/member_remove.html", context)
    try:
        removed = remove_member(
            request.organisation, membership.pk, successor=request.user, now=timezone.now()
        )
    except MemberError as error:
        text = _last_owner_text(membership) if error.code == "last_owner" else str(error)
        messages.error(request, text)
        return redirect("web:members")
    messages.success(
        request,
        _("%(person)s is no longer in %(organisation)s.")
        % {"person": _person(membership), "organisation": request.organisation.name},
    )
    if removed.account_closed:
        messages.info(
            request,
            _(
                "%(person)s belonged to no other organisation, so their account is closed: "
                "they can no longer log in. Inviting them again opens it."
            )
            % {"person": _person(membership)},
        )
    if removed.tokens_revoked:
        messages.info(
            request,
            ngettext(
                "%(count)d API token they created was revoked.",
                "The %(count)d API tokens they created were revoked.",
                removed.tokens_revoked,
            )
            % {"count": removed.tokens_revoked},
        )
    if membership.user_id == request.user.pk:
        return redirect("web:portfolio")
    return redirect("web:members")


def _refusal(error: PlazoError, email: str, organisation: str) -> str:
    """The invitation's refusal in the reader's language (the service words it in English)."""
    fields = {"email": email.strip().lower(), "organisation": organisation}
    if error.code == "already_member":
        return _("%(email)s is already a member of %(organisation)s.") % fields
    if error.code == "username_taken":
        return _("Another account already uses %(email)s as its user name.") % fields
    return str(error)


def _is_owner(request: OrganisationRequest) -> bool:
    mine = next(m for m in request.memberships if m.organisation_id == request.organisation.pk)
    return mine.role == Role.OWNER
