"""Moisson's own Presidio recognisers, for what Presidio's predefined ones do not cover or cannot do offline."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from filters.urls import has_public_suffix

_UPPER = r"\p{Lu}"
_NAME_PART = rf"{_UPPER}[\p{{Ll}}\p{{Lu}}'’]*(?:-{_UPPER}[\p{{Ll}}\p{{Lu}}'’]*)?"
_INITIAL = rf"{_UPPER}\."


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recogniser, checking the domain against the bundled public suffix list only
    (Presidio's own check fetches the list from the network on first use)."""

    def validate_result(self, pattern_text: str) -> bool:
        return has_public_suffix(pattern_text.rpartition("@")[2])


class FrNirRecognizer(PatternRecognizer):
    """French social security number (NIR): 13 digits and a 2-digit key, `97 - number mod 97`, with the
    Corsican departments 2A and 2B counted as 19 and 18."""

    PATTERNS = [
        Pattern(
            "NIR",
            r"(?<![\w.-])[1-478][\s.]?\d{2}[\s.]?\d{2}[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}"
            r"(?:[\s.]?-?[\s.]?)\d{2}(?![\w-]|\.\d)",
            0.5,
        )
    ]
    CONTEXT = ["sécurité sociale", "sécu", "nir", "insee", "numéro de sécurité sociale", "vitale", "social security"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__(
            supported_entity="FR_NIR",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
        )

    def validate_result(self, pattern_text: str) -> bool:
        digits = regex.sub(r"[^0-9AB]", "", pattern_text.upper())
        if len(digits) != 15:
            return False
        body = digits[:13].replace("2A", "19").replace("2B", "18")
        if not body.isdigit():
            return False
        return 97 - int(body) % 97 == int(digits[13:])


_FR_STREET = (
    r"(?i:rue|avenue|av\.|boulevard|bd|allée|allee|impasse|chemin|place|quai|route|rte|cours|square|passage|"
    r"voie|sentier|résidence|lotissement|faubourg|fbg|rond-point|promenade|esplanade|hameau|lieu-dit|cité|"
    r"parvis|montée|traverse|villa|sente|ruelle)"
)
_EN_STREET = (
    r"(?i:street|st\.?|avenue|ave\.?|road|rd\.?|lane|ln\.?|drive|dr\.?|boulevard|blvd\.?|court|ct\.?|place|pl\.?|"
    r"way|terrace|close|crescent|square|sq\.?|parkway|pkwy\.?|highway|hwy\.?|gardens|grove|row|mews|walk|hill|park)"
)
_FR_LINK = r"(?:(?:(?:de|du|des|la|le|les|aux|au|sur|sous|en|et)\b|d[’']|l[’'])\s*)"
_NAME_WORD = rf"(?:{_UPPER}[\p{{L}}'’.-]*|\d+(?:er|e)?)"
_CITY = rf"{_UPPER}[\p{{L}}'’-]*(?:[ -](?:{_UPPER}[\p{{L}}'’-]*|(?:sur|sous|en|le|la|les|de|du|des)\b|d'|l'))*"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
_UNIT = r"(?:(?i:flat|unit|apt\.?|apartment|suite|bât\.?|bâtiment|appt\.?|appartement)\s+[\w-]+,?\s+)?"


class StreetAddressRecognizer(PatternRecognizer):
    """A street address: a number, a street type and name, and the postcode and city when they follow
    (French `12 rue de la Paix, 75002 Paris`; English `42 Elm St., Springfield, IL 62704`). Street names
    must be capitalised: "3 places" is no address."""

    PATTERNS = [
        Pattern(
            "fr_street",
            rf"{_UNIT}\b\d{{1,4}}(?:\s?(?i:bis|ter|quater|[a-d])\b)?,?\s+{_FR_STREET}\s+{_FR_LINK}*{_NAME_WORD}"
            rf"(?:[ -]{_FR_LINK}*{_NAME_WORD}){{0,5}}"
            rf"(?:,?\s+(?:\d{{5}}|\d{{2}}\s\d{{3}})\s+{_CITY}(?:\s+(?i:cedex)(?:\s\d+)?)?)?",
            0.6,
        ),
        Pattern(
            "en_street",
            rf"{_UNIT}\b\d{{1,5}}[A-Za-z]?\s+(?:{_UPPER}[\p{{L}}'’.-]*\s+){{1,4}}{_EN_STREET}(?![\p{{L}}])"
            r"(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?"
            r"(?:,?\s+(?i:apt\.?|suite|unit|flat|#)\s*[\w-]+)?"
            rf"(?:,?\s+{_CITY}(?:,\s+[A-Z]{{2}}\b)?(?:,?\s+(?:\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE}))?)?",
            0.6,
        ),
        Pattern("postal_box", r"\b(?i:P\.?O\.? Box|B\.?P\.?|boîte postale)\s+\d{1,6}\b", 0.5),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS",
            patterns=self.PATTERNS,
            supported_language=supported_language,
            global_regex_flags=regex.MULTILINE,
        )


_TITLE = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Mlles|Me|Maître|Dr|Dr\.|Docteur|Pr|Pr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Sir|Dame|Lord|Lady)"


class TitledNameRecognizer(PatternRecognizer):
    """A name after a civil or professional title (`M. Dupont`, `Mme Anne-Marie Andersson`, `Dr. Smith`):
    the title is kept in the text, the name is replaced."""

    PATTERNS = [
        Pattern(
            "titled_name",
            rf"(?<=\b{_TITLE}\s{{1,2}})(?:(?:{_NAME_PART}|{_INITIAL})\s){{0,3}}(?:{_NAME_PART}|{_INITIAL})",
            0.7,
        )
    ]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__(
            supported_entity="PERSON",
            patterns=self.PATTERNS,
            supported_language=supported_language,
            global_regex_flags=regex.MULTILINE,
        )
