"""A conformity document issued is a change of the public registry: its lot code is fed."""

from qualimark.feed.models import Change
from qualimark.lots.models import LotConformityDocument


def test_the_conformity_document_is_a_change_of_its_lot_code(
    conformity: LotConformityDocument,
) -> None:
    change = Change.objects.get(kind="lot.document_issued")
    assert change.codes == [conformity.code]
    assert change.object_type == "lots.lotconformitydocument"
    assert change.object_id == conformity.pk
