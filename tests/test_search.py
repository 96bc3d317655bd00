"""Search of the public registry: words, prefixes, filters, dates, pages and sort orders.

The same tests run on SQLite (FTS5) and on PostgreSQL (full-text search): the exact
lists they expect are the proof that both databases give the same answers.
"""

from dataclasses import dataclass
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django import DjangoAssertNumQueries

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.quickcodes import format_code
from qualimark.datasheets.services import (
    add_datasheet_version,
    create_datasheet,
    publish_datasheet_version,
    withdraw_datasheet,
)
from qualimark.feed import services as feed
from qualimark.oversight.daily import run_daily
from qualimark.parties.models import Organisation
from qualimark.parties.services import add_production_unit, register_organisation
from qualimark.registry.search import (
    MAX_PER_PAGE,
    ResultKind,
    SearchPage,
    SearchQuery,
    SearchResult,
    Sort,
    search,
)
from qualimark.schemes.models import Kind, Programme, Scheme, Subject
from qualimark.search import engine
from qualimark.search.models import SearchEntry
from qualimark.search.statuses import FOREVER, refresh_due
from tests.conftest import BRUSSELS

CERTIFICATES, DATASHEETS, HOLDERS = (
    ResultKind.CERTIFICATES,
    ResultKind.DATASHEETS,
    ResultKind.HOLDERS,
)


@dataclass
class Registry:
    geotex: Certificate  # BENOR geotextiles, Geotex Belgium, plant in Gent; certified
    membranes: Certificate  # COPRO membranes, Wegenbouw Liège, plant in Herstal; in trial
    applied: Certificate  # an application of a third holder, never in trial
    nonwoven: Datasheet  # of `geotex`, published
    mosaplan: Datasheet  # of `membranes`, published
    draft: Datasheet  # of `geotex`, never published


def _datasheet(
    certificate: Certificate, by: User, product: str, trade: str, published: date | None
) -> Datasheet:
    sheet = create_datasheet(certificate, by=by, product_name=product, trade_name=trade)
    if published is not None:
        publish_datasheet_version(sheet.versions.get(), by=by, effective=published)
    return sheet


def _to_trial(certificate: Certificate, by: User, admitted: date, trial: date) -> None:
    certification.admit_application(certificate, by=by, reason="Complete.", effective=admitted)
    certification.start_trial_period(certificate, by=by, reason="Trial.", effective=trial)


@pytest.fixture
def copro_membranes(db: None) -> Programme:
    copro = Scheme.objects.create(code="COPRO", name="COPRO", owner="COPRO", kind=Kind.PRODUCT)
    membranes = Subject.objects.create(
        code="bitumen-membranes",
        kind=Kind.PRODUCT,
        name_nl="Bitumineuze dakbanen",
        name_fr="Membranes bitumineuses",
        name_en="Bituminous membranes",
    )
    return Programme.objects.create(scheme=copro, subject=membranes)


@pytest.fixture
def registry(
    certified: Certificate,
    copro_membranes: Programme,
    geotextiles_benor: Programme,
    file_manager: User,
) -> Registry:
    wegenbouw = register_organisation(
        by=file_manager,
        name="Wegenbouw Liège SA",
        trade_name="Routes Mosanes",
        enterprise_number="0200.000.043",
        street="Quai de la Batte 1",
        postal_code="4000",
        town="Liège",
    )
    herstal = add_production_unit(
        wegenbouw, by=file_manager, name="Usine", street="Rue 1", postal_code="4040", town="Herstal"
    )
    membranes = certification.apply_for_certification(
        holder=wegenbouw,
        programme=copro_membranes,
        production_unit=herstal,
        by=file_manager,  # an application sent on paper
        applied_on=date(2026, 2, 16),
    )
    _to_trial(membranes, file_manager, date(2026, 2, 23), date(2026, 3, 2))
    aanvrager = register_organisation(
        by=file_manager,
        name="Aanvrager Brugge BV",
        enterprise_number="0410.000.093",
        postal_code="8000",
        town="Brugge",
    )
    brugge = add_production_unit(
        aanvrager,
        by=file_manager,
        name="Fabriek",
        street="Kaai 2",
        postal_code="8000",
        town="Brugge",
    )
    applied = certification.apply_for_certification(
        holder=aanvrager,
        programme=geotextiles_benor,
        production_unit=brugge,
        by=file_manager,
        applied_on=date(2026, 3, 2),
    )
    return Registry(
        geotex=certified,
        membranes=membranes,
        applied=applied,
        nonwoven=_datasheet(
            certified,
            file_manager,
            "Nonwoven geotextile 200 g/m²",
            "GeoTex NW 200",
            date(2026, 2, 10),
        ),
        mosaplan=_datasheet(
            membranes, file_manager, "Membrane SBS 4 mm", "MosaPlan 4", date(2026, 3, 9)
        ),
        draft=_datasheet(certified, file_manager, "Woven geotextile", "GeoTex W Secret", None),
    )


def _names(page: SearchPage) -> list[str]:
    """What a person reads first in each result: the code, the number or the holder's name."""
    return [_name(result) for result in page.results]


def _name(result: SearchResult) -> str:
    if result.datasheet is not None:
        return result.datasheet.quick_code
    if result.certificate is not None:
        return result.certificate.number
    assert result.holder is not None
    return result.holder.name


def found(text: str = "", kind: ResultKind = CERTIFICATES, **filters: object) -> list[str]:
    return _names(search(SearchQuery(text=text, kind=kind, **filters)))  # type: ignore[arg-type]


# Words --------------------------------------------------------------------------------


def test_holder_names_trade_names_and_towns_find_certificates(registry: Registry) -> None:
    geotex, membranes = registry.geotex.number, registry.membranes.number

    assert found("Geotex Belgium") == [geotex]
    assert found("routes mosanes") == [membranes]  # the holder's trade name
    assert found("Herstal") == [membranes]  # the town of the production unit
    assert found("LIEGE") == [membranes]  # the holder's town, accents and case ignored
    assert found("Gent") == [geotex]


def test_certificate_numbers_quick_codes_and_enterprise_numbers_are_found(
    registry: Registry,
) -> None:
    code = registry.mosaplan.quick_code

    assert found(registry.geotex.number) == [registry.geotex.number]
    assert found(registry.geotex.number.lower().replace("-", " ")) == [registry.geotex.number]
    assert found(code, DATASHEETS) == [code]
    assert found(format_code(code), DATASHEETS) == [code]  # as printed: 1234 5678
    assert found("0200.000.043", HOLDERS) == ["Wegenbouw Liège SA"]
    assert found("0200000043", HOLDERS) == ["Wegenbouw Liège SA"]


def test_products_and_trade_names_find_datasheets(registry: Registry) -> None:
    assert found("MosaPlan", DATASHEETS) == [registry.mosaplan.quick_code]
    assert found("membrane SBS", DATASHEETS) == [registry.mosaplan.quick_code]
    assert found("nonwoven", DATASHEETS) == [registry.nonwoven.quick_code]


def test_subject_names_are_found_in_every_language(registry: Registry) -> None:
    for words in ("Géotextiles", "geotextielen", "GEOTEXTILES"):
        assert found(words) == [registry.geotex.number], words
    for words in ("bitumineuze", "membranes bitumineuses", "bituminous"):
        assert found(words) == [registry.membranes.number], words
    assert found("COPRO") == [registry.membranes.number]  # the scheme code


def test_the_last_word_typed_is_a_prefix(registry: Registry) -> None:
    assert found("geotext") == [registry.geotex.number]
    assert found("Herst") == [registry.membranes.number]
    assert found("mosapl", DATASHEETS) == [registry.mosaplan.quick_code]
    assert found("routes mos") == [registry.membranes.number]
    # Only the last one: an earlier word must be whole.
    assert found("rout mosanes") == []


def test_every_word_must_match(registry: Registry) -> None:
    assert found("geotex herstal") == []
    assert found("geotex gent") == [registry.geotex.number]


def test_holders_are_found_by_their_certificates_subjects_and_units(registry: Registry) -> None:
    assert found("herstal", HOLDERS) == ["Wegenbouw Liège SA"]
    assert found("geotextiles", HOLDERS) == ["Geotex Belgium"]
    assert found(registry.membranes.number, HOLDERS) == ["Wegenbouw Liège SA"]


def test_query_syntax_typed_by_people_is_just_words(registry: Registry) -> None:
    assert found('geotex OR "') == []  # OR is a word here, and no holder has it
    assert found("NEAR(geotex)") == []
    assert found("geotex*") == [registry.geotex.number]
    assert found("%%%") == [registry.geotex.number, registry.membranes.number]  # no words
    assert found("-geotex-") == [registry.geotex.number]
    assert found("geotex " * 500 + "x" * 10_000) == []


# What is public --------------------------------------------------------------------------


def test_applications_not_yet_in_trial_are_not_found(
    registry: Registry, file_manager: User
) -> None:
    assert found("Brugge") == []
    assert found("Aanvrager", HOLDERS) == []
    assert found(registry.applied.number) == []
    assert found() == [registry.geotex.number, registry.membranes.number]

    _to_trial(registry.applied, file_manager, date(2026, 3, 9), date(2026, 3, 16))

    assert found("Brugge") == [registry.applied.number]
    assert found("Aanvrager", HOLDERS) == ["Aanvrager Brugge BV"]


def test_rejected_applications_are_not_found(registry: Registry, file_manager: User) -> None:
    certification.reject_application(registry.applied, by=file_manager, reason="Incomplete.")

    assert found("Brugge") == []
    assert found(status=Status.REJECTED) == []


def test_withdrawn_applications_that_reached_the_trial_stay_public(
    registry: Registry, file_manager: User
) -> None:
    # The file manager records the withdrawal the applicant sent in writing.
    certification.withdraw_application(registry.membranes, by=file_manager, reason="Stopped.")

    assert found("Herstal") == [registry.membranes.number]
    assert found(status=Status.APPLICATION_WITHDRAWN) == [registry.membranes.number]


def test_draft_datasheets_are_found_once_published(registry: Registry, file_manager: User) -> None:
    assert found("secret", DATASHEETS) == []

    publish_datasheet_version(registry.draft.versions.get(), by=file_manager)

    assert found("secret", DATASHEETS) == [registry.draft.quick_code]


def test_a_new_trade_name_is_found_once_its_version_is_published(
    registry: Registry, file_manager: User
) -> None:
    version = add_datasheet_version(
        registry.mosaplan, by=file_manager, trade_name="MosaRoof 4", characteristics=[]
    )
    assert found("mosaroof", DATASHEETS) == []

    publish_datasheet_version(version, by=file_manager)

    assert found("mosaroof", DATASHEETS) == [registry.mosaplan.quick_code]
    assert found("mosaplan", DATASHEETS) == [registry.mosaplan.quick_code]  # the old name too


def test_withdrawn_datasheets_stay_public_with_their_status(
    registry: Registry, file_manager: User
) -> None:
    withdraw_datasheet(registry.nonwoven, by=file_manager, reason="Discontinued.")

    [result] = search(SearchQuery(text="nonwoven", kind=DATASHEETS)).results
    assert result.datasheet == registry.nonwoven
    assert result.status == Status.CERTIFIED  # the certificate's status


# Filters -------------------------------------------------------------------------------


def test_the_scheme_filter_narrows(registry: Registry) -> None:
    assert found(scheme="BENOR") == [registry.geotex.number]
    assert found(scheme="copro") == [registry.membranes.number]
    assert found(scheme="ATG") == []
    assert found(kind=DATASHEETS, scheme="COPRO") == [registry.mosaplan.quick_code]
    assert found(kind=HOLDERS, scheme="COPRO") == ["Wegenbouw Liège SA"]


def test_the_subject_filter_narrows(registry: Registry) -> None:
    assert found(subject="geotextiles") == [registry.geotex.number]
    assert found(subject="bitumen-membranes") == [registry.membranes.number]
    assert found(kind=HOLDERS, subject="geotextiles") == ["Geotex Belgium"]
    assert found("Herstal", subject="geotextiles") == []


def test_the_holder_filter_takes_the_enterprise_number_in_any_form(registry: Registry) -> None:
    for number in ("0403.170.701", "0403170701", "BE 0403 170 701"):
        assert found(holder=number) == [registry.geotex.number], number
    assert found(kind=DATASHEETS, holder="0200.000.043") == [registry.mosaplan.quick_code]
    assert found(kind=HOLDERS, holder="0200000043") == ["Wegenbouw Liège SA"]
    assert found(holder="0403.170.702") == []  # a mistyped number matches nothing
    assert found(holder="not a number") == []


def test_the_unit_filter_takes_a_town_or_a_postal_code(registry: Registry) -> None:
    assert found(unit="4040") == [registry.membranes.number]
    assert found(unit="herstal") == [registry.membranes.number]
    assert found(unit="Gent") == [registry.geotex.number]
    assert found(unit="Liège") == []  # the holder's seat, not a production unit
    assert found(kind=HOLDERS, unit="9000") == ["Geotex Belgium"]
    assert found(kind=DATASHEETS, unit="Herstal") == [registry.mosaplan.quick_code]


def test_filters_combine_with_words(registry: Registry) -> None:
    assert found("geotex", scheme="BENOR", unit="9000", status=Status.CERTIFIED) == [
        registry.geotex.number
    ]
    assert found("geotex", scheme="COPRO") == []


def test_the_status_filter_reads_the_status_on_the_asked_day(registry: Registry) -> None:
    assert found(status=Status.CERTIFIED) == [registry.geotex.number]
    assert found(status=Status.TRIAL) == [registry.membranes.number]
    # Before its trial began, the membranes file was only an application.
    assert found(status=Status.TRIAL, on=date(2026, 1, 25)) == [registry.geotex.number]
    assert found(status=Status.CERTIFIED, on=date(2026, 1, 25)) == []
    assert found(status=Status.ADMISSIBLE, on=date(2026, 2, 25)) == [registry.membranes.number]
    assert found(kind=DATASHEETS, status=Status.TRIAL) == [registry.mosaplan.quick_code]
    assert found(kind=HOLDERS, status=Status.CERTIFIED) == ["Geotex Belgium"]


def test_the_status_filter_honours_back_dated_and_future_dated_decisions(
    registry: Registry, decision_maker: User
) -> None:
    geotex = registry.geotex
    certification.suspend_certificate(
        geotex, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 1)
    )  # decided today, back-dated to 1 March
    certification.lift_suspension(
        geotex, by=decision_maker, reason="Corrected.", effective=date(2026, 3, 10)
    )
    certification.withdraw_certificate(
        geotex, by=decision_maker, reason="Stopped.", effective=date(2026, 4, 1)
    )  # decided today, takes effect in April

    def status_on(day: date) -> list[Status | None]:
        page = search(SearchQuery(text="geotex", on=day))
        return [result.status for result in page.results]

    assert found(status=Status.SUSPENDED, on=date(2026, 3, 5)) == [geotex.number]
    assert found(status=Status.CERTIFIED, on=date(2026, 3, 5)) == []
    assert found(status=Status.CERTIFIED) == [geotex.number]
    assert found(status=Status.WITHDRAWN) == []
    assert found(status=Status.WITHDRAWN, on=date(2026, 4, 1)) == [geotex.number]
    assert found(status=Status.CERTIFIED, on=date(2026, 2, 20)) == [geotex.number]
    assert status_on(date(2026, 3, 5)) == [Status.SUSPENDED]
    assert status_on(date(2026, 3, 16)) == [Status.CERTIFIED]
    assert status_on(date(2026, 4, 15)) == [Status.WITHDRAWN]
    assert status_on(date(2026, 1, 20)) == [Status.TRIAL]


def _kept(**lookup: object) -> tuple[str | None, str | None, bool | None, date | None]:
    entry = SearchEntry.objects.get(**lookup)
    return entry.status, entry.datasheet_status, entry.valid, entry.statuses_until


def test_entries_keep_todays_statuses_and_every_change_writes_them_again(
    registry: Registry, decision_maker: User, file_manager: User
) -> None:
    geotex = registry.geotex
    assert _kept(kind=CERTIFICATES, certificate=geotex) == ("certified", None, True, FOREVER)
    assert _kept(kind=DATASHEETS, datasheet=registry.nonwoven) == (
        "certified",
        "published",
        True,
        FOREVER,
    )
    assert _kept(kind=CERTIFICATES, certificate=registry.membranes) == (
        "trial",
        None,
        False,
        FOREVER,
    )
    assert _kept(kind=DATASHEETS, datasheet=registry.mosaplan)[1:3] == ("published", False)

    certification.suspend_certificate(
        geotex, by=decision_maker, reason="Nonconformity.", until=date(2026, 4, 20)
    )
    # The certificate's entry and its datasheet's, in the decision's transaction; they
    # hold until the suspension ends by itself.
    suspended = ("suspended", None, False, date(2026, 4, 20))
    assert _kept(kind=CERTIFICATES, certificate=geotex) == suspended
    assert _kept(kind=DATASHEETS, datasheet=registry.nonwoven) == (
        "suspended",
        "published",
        False,
        date(2026, 4, 20),
    )
    assert found(status=Status.SUSPENDED) == [geotex.number]
    assert found(status=Status.CERTIFIED) == []

    withdraw_datasheet(registry.mosaplan, by=file_manager, reason="Stopped.")
    assert _kept(kind=DATASHEETS, datasheet=registry.mosaplan)[1:3] == ("withdrawn", False)


def test_a_change_by_date_is_found_on_its_day_before_and_after_the_daily_run(
    registry: Registry, decision_maker: User
) -> None:
    geotex = registry.geotex
    certification.withdraw_certificate(
        geotex, by=decision_maker, reason="Stopped.", effective=date(2026, 4, 1)
    )
    assert _kept(kind=CERTIFICATES, certificate=geotex) == (
        "certified",
        None,
        True,
        date(2026, 4, 1),
    )

    with clock.frozen_at(datetime(2026, 4, 1, 7, 0, tzinfo=BRUSSELS)):
        # Before the daily run: the kept status no longer holds, so the history answers.
        assert found(status=Status.WITHDRAWN) == [geotex.number]
        assert found(status=Status.CERTIFIED) == []
        assert found(kind=DATASHEETS, status=Status.WITHDRAWN) == [registry.nonwoven.quick_code]

        run_daily()

        assert _kept(kind=CERTIFICATES, certificate=geotex) == ("withdrawn", None, False, FOREVER)
        assert _kept(kind=DATASHEETS, datasheet=registry.nonwoven)[::2] == ("withdrawn", False)
        assert found(status=Status.WITHDRAWN) == [geotex.number]
        assert found(status=Status.CERTIFIED) == []
        # Nothing else stopped holding: a second run writes nothing.
        assert run_daily().search_statuses == 0


def test_statuses_never_written_are_read_from_the_history_until_the_daily_run(
    registry: Registry,
) -> None:
    # As a registry migrated from before the index kept statuses.
    SearchEntry.objects.update(status=None, valid=None, statuses_until=None)

    assert found(status=Status.CERTIFIED) == [registry.geotex.number]
    assert refresh_due() == 4  # two certificates, two published datasheets; not holders
    assert _kept(kind=CERTIFICATES, certificate=registry.geotex)[::2] == ("certified", True)
    assert found(status=Status.CERTIFIED) == [registry.geotex.number]


def test_a_holder_or_subject_renamed_is_found_by_its_new_name(registry: Registry) -> None:
    geotex = registry.geotex
    holder = geotex.holder
    Organisation.objects.filter(pk=holder.pk).update(name="Geotex Benelux")
    feed.append("organisation.changed", holder, data={"fields": ["name"]})
    subject = geotex.programme.subject
    Subject.objects.filter(pk=subject.pk).update(name_en="Separation fabrics")
    feed.append("subject.changed", subject, data={"fields": ["name_en"]})

    assert found("benelux") == [geotex.number]
    assert found("benelux", kind=HOLDERS) == ["Geotex Benelux"]
    assert found("separation fabrics", kind=DATASHEETS) == [registry.nonwoven.quick_code]
    assert found("belgium", kind=HOLDERS) == []
    # Entries written again keep today's statuses.
    assert _kept(kind=CERTIFICATES, certificate=geotex)[::2] == ("certified", True)


# Pages and order ----------------------------------------------------------------------


@pytest.fixture
def many_datasheets(registry: Registry, file_manager: User) -> list[Datasheet]:
    """Five more published geotextiles, each published a day after the one before."""
    return [
        _datasheet(
            registry.geotex,
            file_manager,
            f"Geotextile {letter}",
            f"GeoGrid {letter}",
            date(2026, 3, 1 + index),
        )
        for index, letter in enumerate("ECADB")
    ]


def test_results_come_in_pages_that_do_not_overlap(many_datasheets: list[Datasheet]) -> None:
    pages = [
        search(SearchQuery(text="geogrid", kind=DATASHEETS, per_page=2, page=number))
        for number in (1, 2, 3, 4)
    ]

    assert [page.total for page in pages] == [5, 5, 5, 5]
    assert pages[0].pages == 3
    assert [len(page.results) for page in pages] == [2, 2, 1, 0]
    seen = [code for page in pages for code in _names(page)]
    assert sorted(seen) == sorted(sheet.quick_code for sheet in many_datasheets)


def test_page_size_and_number_are_kept_within_bounds(registry: Registry) -> None:
    huge = search(SearchQuery(per_page=10_000, page=-3))
    assert huge.query.per_page == MAX_PER_PAGE
    assert huge.query.page == 1
    assert len(huge.results) == 2
    assert search(SearchQuery(per_page=0)).query.per_page == 1


def test_sort_by_name(many_datasheets: list[Datasheet]) -> None:
    page = search(SearchQuery(text="geogrid", kind=DATASHEETS, sort=Sort.NAME))
    assert [r.datasheet.product_name for r in page.results if r.datasheet] == [
        f"Geotextile {letter}" for letter in "ABCDE"
    ]


def test_sort_by_number(many_datasheets: list[Datasheet], registry: Registry) -> None:
    codes = found("geogrid", DATASHEETS, sort=Sort.NUMBER)
    assert codes == sorted(sheet.quick_code for sheet in many_datasheets)
    numbers = found(sort=Sort.NUMBER)
    assert numbers == sorted([registry.geotex.number, registry.membranes.number])


def test_sort_newest_first(many_datasheets: list[Datasheet], registry: Registry) -> None:
    # Published on 1, 2, 3, 4, 5 March in the order E C A D B: newest first is B D A C E.
    page = search(SearchQuery(text="geogrid", kind=DATASHEETS, sort=Sort.NEWEST))
    assert [r.datasheet.product_name[-1] for r in page.results if r.datasheet] == list("BDACE")
    # Certificates by the start of their trial: membranes (2 March) before geotex (19 January).
    assert found(sort=Sort.NEWEST) == [registry.membranes.number, registry.geotex.number]


def test_sort_by_relevance_puts_the_closer_match_first(
    registry: Registry, file_manager: User
) -> None:
    # Both match "geogrid"; the wordy one comes first by name and by age, but says much
    # more besides.
    long_name = "Alpha GeoGrid " + " ".join(f"x{n}" for n in range(40))
    wordy = _datasheet(registry.geotex, file_manager, "Grid", long_name, date(2026, 3, 11))
    short = _datasheet(registry.geotex, file_manager, "Grid", "Zeta GeoGrid", date(2026, 3, 12))

    assert found("geogrid", DATASHEETS) == [short.quick_code, wordy.quick_code]
    assert found("geogrid", DATASHEETS, sort=Sort.NAME) == [wordy.quick_code, short.quick_code]
    # Without words there is nothing to rank: relevance falls back to the name.
    assert found() == found(sort=Sort.NAME)


def test_a_search_that_matches_nothing_says_so(registry: Registry) -> None:
    page = search(SearchQuery(text="zzzyx", kind=DATASHEETS, scheme="BENOR"))
    assert page.total == 0
    assert page.results == []
    assert page.pages == 1


# Cost ----------------------------------------------------------------------------------


def _read_like_a_page(page: SearchPage, day: date) -> list[str]:
    """Everything a result row shows."""
    lines = []
    for result in page.results:
        holder = result.holder
        assert holder is not None
        lines.append(f"{holder.name} {holder.town}")
        if result.certificate is not None:
            certificate = result.certificate
            programme = certificate.programme
            unit = certificate.production_unit
            lines.append(f"{programme.scheme.code} {programme.subject.name} {unit} {result.status}")
        if result.datasheet is not None:
            state = result.datasheet.state_on(day)
            trade_names = [p.version.trade_name for p in result.datasheet.status_periods.all()]
            lines.append(f"{state.status} {trade_names}")
    return lines


@pytest.mark.parametrize(("kind", "queries"), [(CERTIFICATES, 4), (DATASHEETS, 5), (HOLDERS, 3)])
def test_a_page_costs_the_same_few_queries_however_many_results(
    many_datasheets: list[Datasheet],
    registry: Registry,
    kind: ResultKind,
    queries: int,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_assert_max_num_queries(queries):
        page = search(SearchQuery(kind=kind, per_page=50))
        lines = _read_like_a_page(page, date(2026, 3, 16))
    assert len(page.results) == {CERTIFICATES: 2, DATASHEETS: 7, HOLDERS: 2}[kind]
    assert lines


# Rebuilding ----------------------------------------------------------------------------


def test_reindex_rebuilds_the_index_from_the_registry(registry: Registry) -> None:
    before = {kind: found(kind=kind) for kind in ResultKind}
    SearchEntry.objects.all().delete()
    assert found(kind=DATASHEETS) == []

    out = StringIO()
    call_command("reindex", stdout=out)

    assert {kind: found(kind=kind) for kind in ResultKind} == before
    assert found("herstal") == [registry.membranes.number]
    assert SearchEntry.objects.count() == 6  # two certificates, two datasheets, two holders


def test_an_organisation_without_public_certificates_is_no_holder(
    registry: Registry, file_manager: User
) -> None:
    register_organisation(
        by=file_manager, name="Geotex Trading NV", enterprise_number="0850.000.013"
    )
    call_command("reindex", stdout=StringIO())

    assert found("geotex", HOLDERS) == ["Geotex Belgium"]


def test_counting_stops_past_the_limit_and_says_there_are_more(
    many_datasheets: list[Datasheet], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "COUNT_LIMIT", 3)
    page = search(SearchQuery(text="geogrid", kind=DATASHEETS, per_page=2, page=2))
    assert (page.total, page.more, page.pages) == (3, True, 2)
    assert len(page.results) == 2
    everything = search(SearchQuery(text="geogrid", kind=DATASHEETS, per_page=2))
    assert len(everything.results) == 2
    monkeypatch.setattr(engine, "COUNT_LIMIT", 10)
    assert search(SearchQuery(text="geogrid", kind=DATASHEETS)).more is False


def test_a_whole_word_matching_past_the_limit_is_the_answer_without_its_prefix(
    many_datasheets: list[Datasheet],
    registry: Registry,
    file_manager: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    longer = _datasheet(registry.geotex, file_manager, "Grid", "GeoGrids XL", date(2026, 3, 11))
    monkeypatch.setattr(engine, "COUNT_LIMIT", 3)
    # "geogrid" alone matches 5 datasheets, past the limit: "geogrids" is not asked for.
    page = search(SearchQuery(text="geogrid", kind=DATASHEETS, per_page=10))
    assert (page.total, page.more) == (3, True)
    assert longer.quick_code not in _names(page)
    # Under the limit the last word is a prefix again.
    monkeypatch.setattr(engine, "COUNT_LIMIT", 10)
    page = search(SearchQuery(text="geogrid", kind=DATASHEETS, per_page=10))
    assert (page.total, page.more) == (6, False)
    assert longer.quick_code in _names(page)


def test_relevance_ranks_a_window_of_matches_never_all_of_them(
    registry: Registry, file_manager: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three matches; only the first two (the oldest entries) are scored at a window of 2.
    long_name = "Alpha GeoGrid " + " ".join(f"x{n}" for n in range(40))
    wordy = _datasheet(registry.geotex, file_manager, "Grid", long_name, date(2026, 3, 11))
    middle = _datasheet(
        registry.geotex, file_manager, "Grid", "Beta GeoGrid x1 x2", date(2026, 3, 12)
    )
    short = _datasheet(registry.geotex, file_manager, "Grid", "Zeta GeoGrid", date(2026, 3, 13))
    assert found("geogrid", DATASHEETS) == [short.quick_code, middle.quick_code, wordy.quick_code]

    monkeypatch.setattr(engine, "RANK_WINDOW", 2)

    def page(number: int) -> list[str]:
        query = SearchQuery(text="geogrid", kind=DATASHEETS, per_page=1, page=number)
        return [r.datasheet.quick_code for r in search(query).results if r.datasheet]

    # The window is ranked; the match past it follows unscored. Each is shown once.
    assert [page(1), page(2), page(3)] == [
        [middle.quick_code],
        [wordy.quick_code],
        [short.quick_code],
    ]


def test_a_text_search_costs_the_same_few_queries_however_many_match(
    many_datasheets: list[Datasheet], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # The count of the whole word, then of the prefix, the ranked ids, the page's entries,
    # and their two status histories.
    with django_assert_max_num_queries(6):
        page = search(SearchQuery(text="geogrid", kind=DATASHEETS, per_page=50))
        lines = _read_like_a_page(page, date(2026, 3, 16))
    assert len(page.results) == 5
    assert lines
