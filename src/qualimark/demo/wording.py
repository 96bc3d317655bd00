"""What staff write in the demo's decisions and evidence, in the holder's language.

These are data (what a person typed into a file), not interface text: they are stored
as written and not translated.
"""

from datetime import date
from random import Random

from qualimark.certification.lifecycle import Transition

T = Transition

REASONS: dict[Transition, dict[str, tuple[str, ...]]] = {
    T.ADMIT: {
        "nl": ("Aanvraagdossier volledig en ontvankelijk.",),
        "fr": ("Dossier de demande complet et recevable.",),
    },
    T.REJECT: {
        "nl": (
            "Aanvraag onvolledig: de gevraagde documenten ontbreken ondanks herinnering.",
            "Het product valt buiten het toepassingsgebied van de PTV.",
        ),
        "fr": (
            "Demande incomplète : les documents demandés manquent malgré un rappel.",
            "Le produit ne relève pas du domaine d'application de la PTV.",
        ),
    },
    T.WITHDRAW_APPLICATION: {
        "nl": ("Aanvraag ingetrokken bij brief van de aanvrager.",),
        "fr": ("Demande retirée par courrier du demandeur.",),
    },
    T.START_TRIAL: {
        "nl": ("Start van de proefperiode na de initiële audit.",),
        "fr": ("Début de la période probatoire après l'audit initial.",),
    },
    T.GRANT: {
        "nl": ("Proefperiode met gunstig resultaat afgesloten; certificaat toegekend.",),
        "fr": ("Période probatoire clôturée favorablement ; certificat octroyé.",),
    },
    T.REFUSE: {
        "nl": ("Proefperiode niet geslaagd: herhaalde non-conformiteiten in de zelfcontrole.",),
        "fr": ("Période probatoire non concluante : non-conformités répétées de l'autocontrôle.",),
    },
    T.SUSPEND: {
        "nl": (
            "Ernstige non-conformiteit vastgesteld bij een onaangekondigde inspectie.",
            "Resultaten van de controleproeven buiten de specificaties van de PTV.",
            "Inspectiekosten niet betaald ondanks aanmaning.",
        ),
        "fr": (
            "Non-conformité majeure constatée lors d'une inspection inopinée.",
            "Résultats des essais de contrôle hors des spécifications de la PTV.",
            "Frais d'inspection impayés malgré mise en demeure.",
        ),
    },
    T.LIFT: {
        "nl": ("Corrigerende maatregelen doeltreffend bevonden bij herinspectie.",),
        "fr": ("Mesures correctives jugées efficaces lors de la réinspection.",),
    },
    T.WITHDRAW: {
        "nl": (
            "Geen afdoende corrigerende maatregelen binnen de termijn van de schorsing.",
            "Misbruik van het merk vastgesteld na een gegronde klacht.",
        ),
        "fr": (
            "Absence de mesures correctives suffisantes dans le délai de suspension.",
            "Usage abusif de la marque constaté après une plainte fondée.",
        ),
    },
    T.RENOUNCE: {
        "nl": (
            "De houder ziet af van het certificaat: productie stopgezet.",
            "Productie-eenheid gesloten.",
        ),
        "fr": (
            "Le titulaire renonce au certificat : production arrêtée.",
            "Unité de production fermée.",
        ),
    },
    T.RENEW: {
        "nl": ("Technische goedkeuring hernieuwd na herbeoordeling.",),
        "fr": ("Agrément technique renouvelé après réévaluation.",),
    },
    T.EXPIRE: {
        "nl": ("Geldigheidsduur verstreken.",),
        "fr": ("Durée de validité écoulée.",),
    },
}

EVIDENCE: dict[Transition, dict[str, str]] = {
    T.GRANT: {
        "nl": "Evaluatieverslag van de proefperiode ({day})",
        "fr": "Rapport d'évaluation de la période probatoire ({day})",
    },
    T.SUSPEND: {"nl": "Inspectieverslag van {day}", "fr": "Rapport d'inspection du {day}"},
    T.WITHDRAW: {
        "nl": "Aangetekende brief aan de houder van {day}",
        "fr": "Lettre recommandée au titulaire du {day}",
    },
}


def reason(rng: Random, transition: Transition, language: str) -> str:
    return rng.choice(REASONS[transition][language])


def evidence(transition: Transition, language: str, day: date) -> str | None:
    template = EVIDENCE.get(transition, {}).get(language)
    return template.format(day=f"{day.day}/{day.month}/{day.year}") if template else None
