"""The question the registry exists for: is this code valid on this date, and if not, why?"""

from qualimark.verification.verify import Outcome, Verdict, verify, verify_many

__all__ = ["Outcome", "Verdict", "verify", "verify_many"]
