"""The tenant wall, on every URL: nobody outside organisation A reaches anything of A's.

Django's URL resolver is walked, so a pattern added tomorrow is tested today: every pattern
that takes an argument is requested with every method, with A's values for its arguments, as
1. a member (and API token holder) of another organisation B,
2. an anonymous visitor,
3. someone holding A's *revoked* tokens (API and status page).
Each answer must refuse (404, a redirect to a log-in or the admin's index, 401, 403, 405), must
not name anything of A's, and must be the answer a value that does not exist at all would get,
so even existence does not leak. The API is also walked from its OpenAPI schema.

The values come from ``FOREIGN``, keyed by the URL argument's name: a pattern whose argument has
no entry fails with a message saying to add one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from plazo.store.models import (
    ApiToken,
    Commitment,
    DelayCase,
    Forecast,
    Message,
    Offer,
    Organisation,
    Project,
    WebhookDelivery,
    WebhookEndpoint,
    WorkItem,
)
from plazo.store.services.access.status_pages import ensure_status_page, revoke_status_page
from plazo.store.services.access.tokens import create_token, revoke_token
from tests.app.factories import (
    make_case,
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.web.helpers import make_forecast, promise, send

pytestmark = pytest.mark.django_db

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Words that exist only in organisation A's rows: none may appear in an answer to an outsider.
SECRETS = ("Zafiro", "zafiro-ops", "Obsidiana", "Turmalina", "Ámbar oculto", "Berilo", "Jaspe")
MISSING_ID = 987_654_321
REFUSALS = {302, 401, 403, 404, 405}


@dataclass
class World:
    """Organisation A's rows, and what its neighbours hold."""

    org: Organisation
    owner: User
    project: Project
    item: WorkItem
    case: DelayCase
    message: Message
    forecast: Forecast
    commitment: Commitment
    offer: Offer
    api_token: ApiToken
    endpoint: WebhookEndpoint
    delivery: WebhookDelivery
    revoked_status_token: str
    revoked_api_secret: str
    neighbour: HttpClient
    neighbour_token: str


def _world() -> World:
    now = timezone.now()
    org = make_org(name="Estudio Zafiro", slug="zafiro-ops", sender_email="hola@zafiro.example")
    owner = make_user(org, username="zafiro-ops-owner", email="jefa@zafiro.example")
    client = make_client(org, name="Cliente Obsidiana")
    make_contact(client, name="Turmalina Pérez", email="turmalina@obsidiana.example")
    project = make_project(org, client, name="Proyecto Ámbar oculto", stake="Berilo")
    item = make_item(project, title="Tarea Jaspe")
    case = make_case(project, cause="Obsidiana se retrasó")
    message = send(project, state="failed", subject="Avance Ámbar oculto")
    forecast = make_forecast(project)
    promise(project, timezone.localdate() + timedelta(days=30))
    offer = Offer.objects.create(
        organisation=org, project=project, delay_case=case, kind="discount",
        amount=Decimal("100"), currency="EUR", description="Descuento Berilo", offered_at=now,
    )  # fmt: skip
    live = create_token(org, name="Zafiro script", now=now).token
    revoked = create_token(org, name="Zafiro viejo", now=now)
    revoke_token(revoked.token.prefix, now=now)
    endpoint = WebhookEndpoint.objects.create(
        organisation=org, url="https://hooks.zafiro.example/plazo", events=["case_opened"],
        created_at=now,
    )  # fmt: skip
    delivery = WebhookDelivery.objects.create(
        organisation=org, endpoint=endpoint, event="case_opened",
        event_id="00000000-0000-0000-0000-000000000001", payload={"project": "Ámbar oculto"},
        created_at=now,
    )  # fmt: skip
    page = ensure_status_page(project, now=now)
    revoke_status_page(project, now=now)
    neighbour_org = make_org(name="Vecina", slug="vecina")
    make_project(neighbour_org, name="Proyecto vecino")
    neighbour = HttpClient()
    neighbour.force_login(make_user(neighbour_org, username="vecina-owner"))
    return World(
        org=org, owner=owner, project=project, item=item, case=case, message=message,
        forecast=forecast, commitment=Commitment.objects.get(project=project), offer=offer,
        api_token=live, endpoint=endpoint, delivery=delivery, revoked_status_token=page.token,
        revoked_api_secret=revoked.secret, neighbour=neighbour,
        neighbour_token=create_token(neighbour_org, name="vecina", now=now).secret,
    )  # fmt: skip


# The admin's object_id names a row of the model in the URL (admin/<app>/<model>/<id>/…).
ADMIN_OBJECTS: dict[str, Callable[[World], object]] = {
    "organisation": lambda w: w.org.pk,
    "client": lambda w: w.project.client_id,
    "project": lambda w: w.project.pk,
    "workitem": lambda w: w.item.pk,
    "forecast": lambda w: w.forecast.pk,
    "commitment": lambda w: w.commitment.pk,
    "delaycase": lambda w: w.case.pk,
    "offer": lambda w: w.offer.pk,
    "message": lambda w: w.message.pk,
    "apitoken": lambda w: w.api_token.pk,
    "webhookendpoint": lambda w: w.endpoint.pk,
    "webhookdelivery": lambda w: w.delivery.pk,
    "user": lambda w: w.owner.pk,
    "group": lambda w: MISSING_ID,  # not a tenant's row: only superusers manage groups
    "dbtaskresult": lambda w: MISSING_ID,  # not a tenant's row: the task queue
}


def _admin_object(world: World, route: str) -> object:
    if route.startswith("admin/r/"):  # "view on site": content type and id, here a project
        return world.project.pk
    model = route.split("/")[2]
    if model not in ADMIN_OBJECTS:
        pytest.fail(f"the admin has a new model {model!r}: add a row of A's to ADMIN_OBJECTS")
    return ADMIN_OBJECTS[model](world)


# A's value for each URL argument name, and one that exists nowhere. Arguments that are not ids
# (an app label, the admin's catch-all, a file name) are requested too, for the body check.
FOREIGN: dict[str, Callable[[World, str], object]] = {
    "project_id": lambda w, route: w.project.pk,
    "case_id": lambda w, route: w.case.pk,
    "message_id": lambda w, route: w.message.pk,
    "client_id": lambda w, route: w.project.client_id,
    "item_id": lambda w, route: w.item.pk,
    "offer_id": lambda w, route: w.offer.pk,
    "token_id": lambda w, route: w.api_token.pk,
    "endpoint_id": lambda w, route: w.endpoint.pk,
    "contact_id": lambda w, route: w.project.client.contacts.get().pk,
    "membership_id": lambda w, route: w.owner.memberships.get(organisation=w.org).pk,
    "uidb64": lambda w, route: urlsafe_base64_encode(force_bytes(w.owner.pk)),
    "token": lambda w, route: w.revoked_status_token,
    "object_id": _admin_object,
    "id": lambda w, route: w.owner.pk,  # admin/auth/user/<id>/password/
    "content_type_id": lambda w, route: _project_content_type(),
    "app_label": lambda w, route: "plazo",
    "url": lambda w, route: "no-such-page/",
    "name": lambda w, route: "no-such-asset.js",
    "rest": lambda w, route: "no-such-endpoint",
}
NOT_IDS = {"app_label", "url", "name", "rest", "content_type_id"}
MISSING: dict[str, object] = {"token": "x" * 43}


def _project_content_type() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Project).pk


@dataclass(frozen=True)
class Pattern:
    route: str  # "projects/<int:project_id>/"
    regex: str
    arguments: tuple[str, ...]


def _walk(patterns: list[Any], prefix: str = "", regex: str = "") -> Iterator[Pattern]:
    for pattern in patterns:
        text = regex + pattern.pattern.regex.pattern.lstrip("^").rstrip("$").removesuffix(r"\Z")
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), text)
        elif isinstance(pattern, URLPattern):
            arguments = tuple(pattern.pattern.regex.groupindex)
            if arguments:
                yield Pattern(prefix + str(pattern.pattern), text, arguments)


PATTERNS = sorted(set(_walk(get_resolver().url_patterns)), key=lambda p: p.route)


def _path(pattern: Pattern, values: dict[str, object]) -> str:
    """The URL of ``pattern`` with ``values`` put in for its groups."""
    path = pattern.regex
    for name in pattern.arguments:
        path = re.sub(r"\(\?P<" + name + r">(?:[^()]|\([^()]*\))*\)", str(values[name]), path)
    return "/" + path.replace("\\", "")


def _values(world: World, pattern: Pattern, *, missing: bool) -> dict[str, object]:
    unknown = [name for name in pattern.arguments if name not in FOREIGN]
    if unknown:
        pytest.fail(
            f"URL pattern {pattern.route!r} takes {unknown}, which the tenant wall test does "
            "not know: add to FOREIGN in tests/app/test_tenant_wall.py how to get organisation "
            "A's value for it"
        )
    values = {}
    for name in pattern.arguments:
        values[name] = FOREIGN[name](world, pattern.route)
        if missing and name not in NOT_IDS:
            values[name] = MISSING.get(name, MISSING_ID)
    return values


def _request(
    client: HttpClient, method: str, path: str, token: str | None, body: object = None
) -> Any:
    cache.clear()  # the status page's per-address rate limit is not what is tested here
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = json.dumps({} if body is None else body).encode()
    return client.generic(method, path, data=data, content_type="application/json", headers=headers)


def _example(schema: dict[str, Any], components: dict[str, Any]) -> object:
    """A smallest valid value of a JSON schema, so a write reaches the tenant check."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[1]], components)
    for choice in ("oneOf", "anyOf"):
        if choice in schema:
            options = [o for o in schema[choice] if o.get("type") != "null"]
            return _example(options[0], components)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: _example(properties[name], components) for name in schema.get("required", [])}
    if kind == "array":
        return [_example(schema["items"], components)] * max(1, schema.get("minItems", 1))
    if kind in ("number", "integer"):
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return timezone.localdate().isoformat()
    return "x" * max(1, schema.get("minLength", 1))


def _leaks(response: Any) -> list[str]:
    body = response.content.decode("utf-8", errors="replace")
    where = body + response.get("Location", "")
    return [word for word in SECRETS if word.lower() in where.lower()]


def _check(world: World, client: HttpClient, token: str | None, who: str) -> list[str]:
    problems: list[str] = []
    for pattern in PATTERNS:
        foreign = _path(pattern, _values(world, pattern, missing=False))
        missing = _path(pattern, _values(world, pattern, missing=True))
        for method in METHODS:
            answer = _request(client, method, foreign, token)
            if set(pattern.arguments) <= NOT_IDS:  # no id of A's in the URL: only what it shows
                if leaked := _leaks(answer):
                    problems.append(f"{who}: {method} {foreign} shows {leaked}")
                continue
            # An API call with an empty body is refused for its body before its id is looked up;
            # the control below checks that a missing id gets the very same answer.
            body_first = pattern.route.startswith("api/") and answer.status_code == 422
            if answer.status_code not in REFUSALS and not body_first:
                problems.append(f"{who}: {method} {foreign} answered {answer.status_code}")
            if leaked := _leaks(answer):
                problems.append(f"{who}: {method} {foreign} shows {leaked}")
            if "token" in pattern.arguments:
                continue  # a revoked status link may say it was revoked: that is its purpose
            control = _request(client, method, missing, token)
            if control.status_code != answer.status_code:
                problems.append(
                    f"{who}: {method} {foreign} answered {answer.status_code} but "
                    f"{control.status_code} for an id that does not exist"
                )
    return problems


@pytest.fixture
def world(settings: Any) -> World:
    settings.PLAZO_LOGIN_FAILURE_LIMIT = 1_000_000  # revoked tokens are tried on every route
    return _world()


def test_the_walk_finds_the_patterns_that_take_ids_and_tokens() -> None:
    routes = {pattern.route for pattern in PATTERNS}
    assert {"projects/<int:project_id>/", "cases/<int:case_id>/", "s/<str:token>/"} <= routes
    assert "api/projects/<project_id>" in routes
    assert "admin/plazo/project/<path:object_id>/change/" in routes


def test_a_member_of_another_organisation_reaches_nothing_of_a(world: World) -> None:
    assert _check(world, world.neighbour, world.neighbour_token, "neighbour") == []


def test_an_anonymous_visitor_reaches_nothing_of_a(world: World) -> None:
    assert _check(world, HttpClient(), None, "anonymous") == []


def test_revoked_tokens_reach_nothing_of_a(world: World) -> None:
    assert _check(world, HttpClient(), world.revoked_api_secret, "revoked token") == []


def test_every_api_operation_in_the_schema_refuses_outsiders(world: World) -> None:
    schema = json.loads(HttpClient().get("/api/openapi.json").content)
    problems: list[str] = []
    operations = 0
    for template, item in schema["paths"].items():
        for method in item:
            operations += 1
            names = [p["name"] for p in item[method].get("parameters", []) if p["in"] == "path"]
            pattern = Pattern(template, "", tuple(names))
            values = _values(world, pattern, missing=False)
            path = template.format(**values)  # the schema's paths start with /api
            for who, token in (
                ("anonymous", None),
                ("revoked token", world.revoked_api_secret),
            ):
                answer = _request(HttpClient(), method.upper(), path, token)
                if answer.status_code != 401:
                    problems.append(f"{who}: {method} {path} answered {answer.status_code}")
            body_schema = (
                item[method].get("requestBody", {}).get("content", {}).get("application/json")
            )
            body = (
                _example(body_schema["schema"], schema["components"]["schemas"])
                if (body_schema)
                else None
            )
            answer = _request(HttpClient(), method.upper(), path, world.neighbour_token, body)
            if names and answer.status_code != 404:
                problems.append(f"neighbour: {method} {path} answered {answer.status_code}")
            if leaked := _leaks(answer):
                problems.append(f"neighbour: {method} {path} shows {leaked}")
    assert operations >= 15
    assert problems == []


def test_a_pattern_with_an_argument_the_table_lacks_fails_with_advice(world: World) -> None:
    invented = Pattern(
        "widgets/<int:widget_id>/", r"widgets/(?P<widget_id>[0-9]+)/", ("widget_id",)
    )
    with pytest.raises(pytest.fail.Exception, match=r"add to FOREIGN .* A's value"):
        _values(world, invented, missing=False)
