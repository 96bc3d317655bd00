"""The verification model: one entry per public code, holding everything a verdict needs.

An entry is written by the projector (`verification.projection`) in the transaction of the
change that concerns its code, so an answer is never behind a decision. It is two rows
with the code as their key, read in one statement: `Entry`, with what holds now (all that
an answer about the registry as it stands reads), and `Story`, the code's whole
bi-temporal story, read by an answer "as of" an earlier state and by the projector
(`packing` says how both are stored, and why apart). The story is JSON:

- `k`: the kind of code (`q` quick code, `c` certificate number, `l` lot code);
- `n`: the names a verdict shows (holder, mark, subject in every language, product, …),
  as versions `[seq, at, names]`;
- `c`: the certificate's status intervals `[start, end, status, seq, at, gone_seq, gone_at]`;
- `d`: the datasheet's status intervals
  `[start, end, status, replacement, seq, at, gone_seq, gone_at]`.

`start` and `end` are the days the interval covers (ISO dates; `end` exclusive, null:
open). `seq` and `at` say when the registry came to know it (the change feed's sequence
number and the moment, in microseconds since the epoch); `gone_seq` and `gone_at` when it
stopped holding it, because a later decision or an annulment replaced it (null: it still
holds). `Entry.seq` is the sequence number of the code's last change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    code = models.CharField(_("code"), max_length=24, primary_key=True)
    seq = models.BigIntegerField(_("last change"))
    # The names shown now and the intervals still holding, as JSON (`packing.holding`).
    now = models.BinaryField(_("what holds now"))

    class Meta:
        verbose_name = _("verification entry")
        verbose_name_plural = _("verification entries")

    def __str__(self) -> str:
        return self.code


class Story(models.Model):
    """The whole story of the entry with the same code (no foreign key: the two are written
    and removed together, and a million of them are removed in one statement)."""

    code = models.CharField(_("code"), max_length=24, primary_key=True)
    data = models.BinaryField(_("the whole story"))  # packed JSON (`packing`)

    class Meta:
        verbose_name = _("verification story")
        verbose_name_plural = _("verification stories")

    def __str__(self) -> str:
        return self.code
