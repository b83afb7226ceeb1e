"""The demo portfolio as plain data, with dates relative to the day it is loaded.

Finished tasks get actual efforts drawn (with a fixed seed) from each estimator's own bias, so the
history behaves like a real team's: most tasks near their estimate, a heavy tail of overruns.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = ["CLIENTS", "PROJECTS", "DemoClient", "DemoItem", "DemoProject", "items_for"]

SEED = 2026
# Median actual/estimate per estimator and the spread of its logarithm: Ana estimates well,
# Bruno is optimistic, Carla pads, Diego is erratic.
ESTIMATORS = {"Ana": (1.0, 0.25), "Bruno": (1.35, 0.35), "Carla": (0.9, 0.2), "Diego": (1.15, 0.6)}


@dataclass(frozen=True)
class DemoClient:
    name: str
    language: str
    register: str
    time_zone: str
    tier: str
    contact_name: str
    contact_email: str


@dataclass(frozen=True)
class DemoProject:
    client: str
    name: str
    start_days: int  # relative to today (negative: in the past)
    promised_days: int
    tasks: tuple[tuple[str, float], ...]  # (title, estimate hours), in plan order
    done_share: float  # share of the tasks already finished
    capacity_hours_per_week: int = 30
    value: int = 10_000
    stake: str = ""
    stake_days: int | None = None
    delivered_days: int | None = None
    # A re-plan: (day the new date was promised, the new promised day), both relative to today.
    replan: tuple[int, int] | None = None
    checkin_weekday: int = 0


@dataclass(frozen=True)
class DemoItem:
    title: str
    estimate_hours: float
    estimator: str
    added_on: date
    started_on: date | None = None
    completed_on: date | None = None
    actual_hours: float | None = None
    status: str = "todo"
    extra: dict[str, str] = field(default_factory=dict)


CLIENTS = (
    DemoClient("Grupo Alameda S.A.", "es", "formal", "Europe/Madrid", "premium",
               "Lucía Ferrer", "lucia.ferrer@grupoalameda.example"),
    DemoClient("Café Brisa", "es", "informal", "America/Mexico_City", "standard",
               "Mateo Ruiz", "mateo@cafebrisa.example"),
    DemoClient("Northwind Logistics Ltd", "en", "formal", "Europe/London", "standard",
               "Hannah Price", "hannah.price@northwind.example"),
)  # fmt: skip

_PORTAL = (
    ("Arquitectura de la información", 12), ("Diseño de la portada", 16),
    ("Maquetación de informes trimestrales", 20), ("Área privada de accionistas", 28),
    ("Integración con el registro de acciones", 24), ("Calendario de eventos corporativos", 10),
    ("Buscador de documentos", 18), ("Versión en inglés", 14), ("Accesibilidad AA", 16),
    ("Pruebas con usuarios", 12), ("Migración de contenidos", 26), ("Puesta en producción", 8),
    ("Formación al equipo de comunicación", 6), ("Revisión legal de textos", 6),
)  # fmt: skip
_REPORT = (
    ("Guion del informe", 8), ("Gráficos interactivos de resultados", 24),
    ("Diseño editorial", 20), ("Carta del presidente", 6), ("Versión PDF descargable", 10),
    ("Traducción al inglés", 12), ("Revisión de cifras con finanzas", 8),
)  # fmt: skip
_SHOP = (
    ("Catálogo de productos", 14), ("Ficha de producto", 10), ("Carrito y pago", 22),
    ("Envíos y zonas", 12), ("Suscripción de café mensual", 18), ("Correo de bienvenida", 6),
    ("Fotografía de producto", 16), ("SEO básico", 8), ("Pruebas de pago", 6),
)  # fmt: skip
_IDENTITY = (
    ("Moodboard de temporada", 6), ("Paleta y tipografía", 8), ("Etiquetas de bolsas", 10),
    ("Carta de bebidas", 8), ("Kit para redes", 10),
)  # fmt: skip
_DRIVER = (
    ("Sign-in with company SSO", 14), ("Today's route screen", 18), ("Offline mode", 30),
    ("Proof-of-delivery photos", 16), ("Push notifications", 10), ("Barcode scanning", 20),
    ("Crash reporting", 4), ("Play Store release", 6), ("Driver feedback round", 8),
    ("Battery optimisation", 12),
)  # fmt: skip
_DASHBOARD = (
    ("Data model for bays and docks", 10), ("Live occupancy view", 18),
    ("Alerts for late trucks", 14), ("Shift report export", 8),
    ("Role-based access", 12), ("Load testing", 8),
)  # fmt: skip
_WEBSITE = tuple((f"Sección {i}: {name}", est) for i, (name, est) in enumerate((
    ("Inicio", 10), ("Quiénes somos", 6), ("Servicios", 12), ("Noticias", 14), ("Contacto", 4),
    ("Blog", 16), ("Buscador", 12), ("Multidioma", 18), ("Analítica", 6), ("Cookies", 4),
    ("Formularios", 10), ("Rendimiento", 12), ("Copias de seguridad", 4), ("Despliegue", 8),
    ("Manual de uso", 6), ("Formación", 4), ("Accesibilidad", 10), ("SEO", 8),
    ("Newsletter", 8), ("Revisión final", 4),
), start=1))  # fmt: skip
_ROUTES = tuple((f"{name}", est) for name, est in (
    ("Depot import", 8), ("Distance matrix service", 16), ("Vehicle capacities", 10),
    ("Time windows", 20), ("Solver integration", 24), ("Route export to drivers", 12),
    ("Manual overrides", 14), ("Audit log", 6), ("API authentication", 8), ("Rate limiting", 4),
    ("Monitoring", 6), ("Load tests", 8), ("Sandbox for partners", 10), ("API docs", 8),
    ("Billing hooks", 12), ("Data retention", 4), ("Staging environment", 6),
    ("Incident runbook", 4), ("Partner onboarding", 6), ("Go-live", 4),
))  # fmt: skip

_CAFE_WEB = (
    ("Fotos del local", 6), ("Carta en línea", 8), ("Mapa y horarios", 4), ("Reservas", 14),
    ("Galería", 6), ("Blog de recetas", 12), ("Boletín", 6), ("Formulario de eventos", 8),
    ("Traducción al inglés", 6), ("Optimización móvil", 10), ("Analítica", 4),
    ("Dominio y correo", 3), ("Política de privacidad", 3), ("Integración con Instagram", 6),
    ("Tarjetas regalo", 12),
    ("Pedidos para llevar", 16), ("Pruebas en tienda", 4), ("Ajustes de velocidad", 6),
    ("Formación al equipo", 3), ("Lanzamiento", 3), ("Cupones de apertura", 5),
    ("Página de empleo", 4), ("Reseñas de clientes", 5), ("Revisión final", 3),
)  # fmt: skip

PROJECTS = (
    DemoProject("Grupo Alameda S.A.", "Portal del inversor", -45, 18, _PORTAL, 0.57,
                capacity_hours_per_week=24, value=24_000,
                stake="la junta anual de accionistas", stake_days=45),
    DemoProject("Grupo Alameda S.A.", "Informe anual interactivo", -20, 75, _REPORT, 0.3,
                value=12_000, stake="la publicación de resultados", stake_days=90),
    DemoProject("Café Brisa", "Tienda online", -30, 24, _SHOP, 0.45, value=9_500,
                stake="el lanzamiento de la suscripción de temporada", stake_days=35,
                checkin_weekday=1),
    DemoProject("Café Brisa", "Identidad de temporada", -25, 12, _IDENTITY, 0.6, value=3_200,
                checkin_weekday=1),
    DemoProject("Northwind Logistics Ltd", "Driver app", -35, 60, _DRIVER, 0.4,
                capacity_hours_per_week=28, value=38_000,
                stake="the peak-season rollout to 400 drivers", stake_days=70, checkin_weekday=4),
    DemoProject("Northwind Logistics Ltd", "Warehouse dashboard", -15, 42, _DASHBOARD, 0.34,
                value=14_000, checkin_weekday=4),
    DemoProject("Grupo Alameda S.A.", "Web corporativa", -230, -118, _WEBSITE, 1.0,
                value=18_000, delivered_days=-120),
    # Slipped once, with eleven days' notice, and then delivered on the new date.
    DemoProject("Northwind Logistics Ltd", "Route planner API", -200, -84, _ROUTES, 1.0,
                value=26_000, delivered_days=-70, replan=(-95, -70)),
    # Delivered five days late without a word: the number the ledger wants at zero.
    DemoProject("Café Brisa", "Web de la cafetería", -300, -185, _CAFE_WEB, 1.0,
                value=6_500, delivered_days=-180),
)  # fmt: skip


def items_for(project: DemoProject, today: date, rng: random.Random) -> list[DemoItem]:
    """The project's work items: the first ``done_share`` finished (with actuals), the rest open."""
    start = today + timedelta(days=project.start_days)
    end = today + timedelta(days=project.delivered_days) if project.delivered_days else today
    n_done = round(len(project.tasks) * project.done_share)
    span_days = max((end - start).days, 1)
    names = list(ESTIMATORS)
    items = []
    for index, (title, estimate) in enumerate(project.tasks):
        estimator = names[(index + len(project.name)) % len(names)]
        if index >= n_done:
            status = "doing" if index == n_done else "todo"
            started = today - timedelta(days=2) if status == "doing" else None
            items.append(
                DemoItem(title, float(estimate), estimator, start, started, None, None, status)
            )
            continue
        median, spread = ESTIMATORS[estimator]
        ratio = median * rng.lognormvariate(0.0, spread)
        actual = round(max(0.5, estimate * ratio) * 2) / 2  # people log half hours
        completed = start + timedelta(days=max(1, span_days * (index + 1) // max(n_done, 1) - 1))
        completed = min(completed, end)
        started = max(start, completed - timedelta(days=max(1, round(actual / 6))))
        items.append(
            DemoItem(title, float(estimate), estimator, start, started, completed, actual, "done")
        )
    return items
