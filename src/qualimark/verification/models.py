"""The verification model: one row per public code, holding everything a verdict needs.

A row is written by the projector (`verification.projection`) in the transaction of the
change that concerns its code, so an answer is never behind a decision. Its `data` is the
code's whole bi-temporal story, as JSON read in one go (stored packed, `packing`, behind
a head of what holds now, which is all an answer about the registry as it stands reads):

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
holds). The column `seq` is the sequence number of the code's last change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    code = models.CharField(_("code"), max_length=24, primary_key=True)
    seq = models.BigIntegerField(_("last change"))
    data = models.BinaryField(_("what a verdict reads"))  # packed JSON (`packing`)

    class Meta:
        verbose_name = _("verification entry")
        verbose_name_plural = _("verification entries")

    def __str__(self) -> str:
        return self.code
