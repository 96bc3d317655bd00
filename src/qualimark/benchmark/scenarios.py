"""What the benchmark asks of a registry: the requests of each scenario.

The codes and datasheet pages are a random sample of the registry itself; the search
mix is fixed, chosen from the demo vocabulary so that, at a million datasheets, it spans
rare words (a few dozen hits), very common ones (100,000 to 250,000 hits), short
prefixes, town names and every filter.
"""

import json
import random
from urllib.parse import urlencode

from qualimark.benchmark.load import Request, Scenario
from qualimark.benchmark.registries import Registry
from qualimark.datasheets import quickcodes

BULK_CODES = 1000
COLD_CODES = 200_000
WARM_CODES = 1000
THROUGHPUT_CONNECTIONS = 16  # the verification target is stated at 16 connections

SEARCHES: list[dict[str, str]] = [
    # rare words
    {"q": "lamellenvoeg", "kind": "datasheets"},
    {"q": "signalisatieuithouder", "kind": "datasheets"},
    {"q": "matvoeg"},
    # medium and several words
    {"q": "rivierzand", "kind": "datasheets"},
    {"q": "koudgemengde emulsie", "kind": "datasheets"},
    # very common words: 100,000 rows and more at a million datasheets
    {"q": "beton", "kind": "datasheets"},
    {"q": "pipes", "kind": "datasheets"},
    {"q": "bitumineuze", "kind": "datasheets"},
    {"q": "concrete"},
    # prefixes, down to two letters
    {"q": "gran", "kind": "datasheets"},
    {"q": "asf", "kind": "datasheets"},
    {"q": "be", "kind": "datasheets"},
    # town names, as text and as the production unit's filter
    {"q": "geraardsbergen", "kind": "datasheets"},
    {"q": "genk"},
    {"unit": "Genk", "kind": "datasheets"},
    # filters, with and without text
    {"q": "beton", "scheme": "BENOR", "kind": "datasheets"},
    {"q": "rivierzand", "status": "certified", "kind": "datasheets"},
    {"scheme": "COPRO", "status": "suspended"},
    {"q": "bv", "kind": "holders"},
    {"q": "beton", "sort": "name", "kind": "datasheets"},
]


def sample(registry: Registry, count: int, *, published: bool = False) -> list[str]:
    """Random quick codes of the registry (of published datasheets only, if asked)."""
    source = (
        "SELECT d.quick_code FROM datasheets_datasheet d WHERE EXISTS "
        "(SELECT 1 FROM datasheets_datasheetstatusperiod p WHERE p.datasheet_id = d.id)"
        if published
        else "SELECT quick_code FROM datasheets_datasheet"
    )
    rows = registry.rows(f"SELECT quick_code FROM ({source}) s ORDER BY random() LIMIT {count}")
    return [row[0] for row in rows]


def unknown_codes(registry: Registry, count: int, seed: int = 7) -> list[str]:
    """Well-formed quick codes (their check digit right) that the registry does not hold."""
    held = {row[0] for row in registry.rows("SELECT quick_code FROM datasheets_datasheet")}
    chance = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        code = quickcodes.with_check_digit(f"{chance.randrange(10**7):07d}")
        if code not in held and code not in found:
            found.append(code)
    return found


def scenarios(registry: Registry, page_connections: int) -> list[Scenario]:
    # Cold: so many codes that nearly every answer is computed, none remembered.
    codes = sample(registry, COLD_CODES)
    pages = sample(registry, 1000, published=True)
    bulk = [
        Request(
            "/api/v1/verify",
            method="POST",
            body=json.dumps({"codes": codes[start : start + BULK_CODES]}),
        )
        for start in range(0, len(codes) - BULK_CODES + 1, BULK_CODES)
    ]
    unknown = unknown_codes(registry, 20 * BULK_CODES)
    bulk_unknown = [
        Request(
            "/api/v1/verify",
            method="POST",
            body=json.dumps({"codes": unknown[start : start + BULK_CODES]}),
        )
        for start in range(0, len(unknown), BULK_CODES)
    ]
    return [
        Scenario("health", [Request("/health")], THROUGHPUT_CONNECTIONS, compared=True),
        # The floor with the database: the same stack and one `SELECT 1`.
        Scenario("health_db", [Request("/health/db")], THROUGHPUT_CONNECTIONS, compared=True),
        Scenario(
            "verify",
            [Request(f"/api/v1/verify/{code}") for code in codes],
            THROUGHPUT_CONNECTIONS,
            compared=True,
        ),
        # Warm: the products delivered to many sites at once, asked again and again.
        Scenario(
            "verify_repeated",
            [Request(f"/api/v1/verify/{code}") for code in codes[:WARM_CODES]],
            THROUGHPUT_CONNECTIONS,
            compared=True,
        ),
        Scenario("bulk_verify", bulk[:20], 1),
        Scenario("bulk_verify_unknown", bulk_unknown, 1),
        Scenario(
            "search_api",
            [Request(f"/api/v1/search?{urlencode(query)}") for query in SEARCHES],
            page_connections,
        ),
        Scenario(
            "search_page",
            [Request(f"/en/search/?{urlencode(query)}") for query in SEARCHES],
            page_connections,
        ),
        Scenario(
            "datasheet_page",
            [Request(f"/en/datasheets/{code}/") for code in pages],
            page_connections,
        ),
    ]
