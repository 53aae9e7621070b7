"""Moisson's own Presidio recognisers, for what Presidio's predefined ones do not cover or cannot do offline."""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    NhsRecognizer,
    PhoneRecognizer,
)

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
            r"(?<![\w.-])[1-478](?:[\s.]?\d){4}[\s.]?(?:2[AB]|\d[\s.]?\d)(?:[\s.]?\d){6}(?:[\s.]?-?[\s.]?)\d[\s.]?\d"
            r"(?![\w-]|\.\d)",
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
            rf"{_UNIT}\b\d{{1,5}}[A-Za-z]?\s+(?:{_UPPER}[\p{{L}}'’-]*\s+){{1,4}}{_EN_STREET}(?![\p{{L}}])"
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


_TITLE = (
    r"(?:M\.|MM\.|Mme|Mmes|Mlle|Mlles|Me|Maître|Dr|Dr\.|Docteur|Pr|Pr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Sir|Dame|Lord|Lady)"
)


class TitledNameRecognizer(PatternRecognizer):
    """A name after a civil or professional title (`M. Dupont`, `Mme Anne-Marie Andersson`, `Dr. Smith`)
    or after `my name is`, `je m'appelle`: the title is kept in the text, the name is replaced."""

    PATTERNS = [
        Pattern(
            "titled_name",
            rf"(?<=\b{_TITLE}\s{{1,2}})(?:(?:{_NAME_PART}|{_INITIAL})\s){{0,3}}(?:{_NAME_PART}|{_INITIAL})",
            0.7,
        ),
        Pattern(
            "labelled_name",
            rf"(?<=\b(?:née?|Nom|NOM|Prénom|Nom de naissance|Name|First name|Last name|Surname)\s?:?\s{{1,2}})"
            rf"(?:{_NAME_PART}\s){{0,2}}{_NAME_PART}",
            0.6,
        ),
        Pattern(
            "introduced_name",
            rf"(?<=\b(?i:my name is|my name's|je m'appelle|je m’appelle|je me nomme|moi c'est|moi c’est|call me)"
            rf"\s{{1,2}})(?:(?:{_NAME_PART}|{_INITIAL})\s){{0,2}}{_NAME_PART}",
            0.7,
        ),
    ]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__(
            supported_entity="PERSON",
            patterns=self.PATTERNS,
            supported_language=supported_language,
            global_regex_flags=regex.MULTILINE,
        )


# Card issuers by their first digits, with the lengths they issue (ISO/IEC 7812 ranges in public use).
_ISSUERS = (
    (("4",), (13, 16, 19)),  # Visa
    (tuple(str(n) for n in range(51, 56)) + tuple(str(n) for n in range(2221, 2721)), (16,)),  # Mastercard
    (("34", "37"), (15,)),  # American Express
    (("6011", "65") + tuple(str(n) for n in range(644, 650)), (16, 17, 18, 19)),  # Discover
    (("36", "38", "300", "301", "302", "303", "304", "305"), (14, 16)),  # Diners Club
    (("35", "2131", "1800"), (15, 16, 17, 18, 19)),  # JCB
    (("50", "56", "57", "58", "6"), tuple(range(12, 20))),  # Maestro
    (("62",), (16, 17, 18, 19)),  # UnionPay
)


def card_issuer_length_ok(digits: str) -> bool:
    """Whether a card issuer hands out numbers with these first digits and this length."""
    return any(digits.startswith(prefixes) and len(digits) in lengths for prefixes, lengths in _ISSUERS)


def luhn_ok(digits: str) -> bool:
    """The Luhn check digit of payment cards (and of SIRET numbers, hence the issuer check beside it)."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


class CardRecognizer(CreditCardRecognizer):
    """Presidio's card recogniser, widened to the lengths and ranges cards are issued in (19-digit Visa,
    2-series Mastercard, 12-digit Maestro): Luhn plus a known issuer. Grouped by fours, or 15/16 digits in
    one run, a number counts alone; other runs need a card word nearby."""

    PATTERNS = [
        Pattern("card grouped", r"(?<![\w-])\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?(?![\w-]|[.,]\d)", 0.6),
        Pattern("amex grouped", r"(?<![\w-])3[47]\d{2}([ -])\d{6}\1\d{5}(?![\w-]|[.,]\d)", 0.6),
        Pattern("card run", r"(?<![\w-])\d{15,16}(?![\w-]|[.,]\d)", 0.5),
        Pattern("card other", r"(?<![\w-])(?:\d[ -]?){11,18}\d(?![\w-]|[.,]\d)", 0.3),
    ]
    CONTEXT = [*CreditCardRecognizer.CONTEXT, "carte", "bancaire", "cb", "paid", "payment", "paiement", "expir"]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(patterns=self.PATTERNS, context=self.CONTEXT, supported_language=supported_language)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = regex.sub(r"\D", "", pattern_text)
        # None keeps the pattern's score: a valid number is a candidate, a card only with enough evidence.
        return None if luhn_ok(digits) and card_issuer_length_ok(digits) else False


class CheckedNhsRecognizer(NhsRecognizer):
    """Presidio's NHS number recogniser, needing a health-service word nearby: one ten-digit number in
    eleven passes the NHS check digit, phone numbers included."""

    PATTERNS = [Pattern("NHS", r"(?<![\w+-])\d{3}[- ]?\d{3}[- ]?\d{4}(?![\w-])", 0.3)]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(patterns=self.PATTERNS, supported_language=supported_language)

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if super().validate_result(pattern_text) else False


class ObfuscatedEmailRecognizer(PatternRecognizer):
    """E-mail addresses written to dodge harvesters: `jean.dupont [at] free [dot] fr`, `x(at)y.fr`,
    `name @ example.com`."""

    PATTERNS = [
        Pattern(
            "obfuscated e-mail",
            r"(?<![\w.+-])[\w.+-]+\s*(?:\[at\]|\(at\)|\{at\}|\s@\s|\s@|@\s)\s*[\w-]+"
            r"(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\.)\s*[\w-]+)*\s*(?:\[dot\]|\(dot\)|\{dot\}|\.)\s*[a-z]{2,24}\b",
            0.6,
        )
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=self.PATTERNS,
            supported_language=supported_language,
            global_regex_flags=regex.IGNORECASE | regex.MULTILINE,
        )


class PhoneLikeRecognizer(PatternRecognizer):
    """Numbers shaped like phone numbers that phonenumbers finds invalid (fictional ranges, typos, new
    plans): they count only beside a phone word (`Tel:`, `appelez`, `mobile`, `fax`)."""

    PATTERNS = [
        Pattern(
            "phone-like",
            r"(?<![\w+.,/-])(?:\+|00)?(?:\(?\d{1,4}\)?[ .-]?){1,2}(?:\(0\)\s?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}"
            r"(?:\s?(?:x|ext\.?|poste)\s?\d{1,5})?(?![\w]|[.,/-]\d)",
            0.3,
        )
    ]
    CONTEXT = [
        "phone", "telephone", "tel", "tél", "téléphone", "mobile", "portable", "cell", "fax", "call", "appelez",
        "appeler", "joindre", "contact", "contactez", "sms", "text", "whatsapp", "desk", "office", "number", "numéro",
        "fixe", "landline",
    ]  # fmt: skip

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = sum(c.isdigit() for c in pattern_text)
        return None if 7 <= digits <= 15 else False


class TrunkPhoneRecognizer(PatternRecognizer):
    """Numbers of a possible length for France or the UK, valid or not, when written with their trunk
    prefix `0` or an international prefix: fictional (07700 900xxx), unassigned or new ranges still name
    someone's line. A regex finds candidates and phonenumbers checks them (its matcher is far slower)."""

    PATTERNS = [
        Pattern(
            "trunk phone",
            r"(?<![\w+/.-])(?:(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,5}"
            r"(?![\w]|[.,/-]\d)",
            0.5,
        )
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entity="PHONE_NUMBER", patterns=self.PATTERNS, supported_language=supported_language)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = sum(c.isdigit() for c in pattern_text)
        if not 10 <= digits <= 15:
            return False
        text = "+" + pattern_text.lstrip()[2:] if pattern_text.lstrip().startswith("00") else pattern_text
        for region in ("FR", "GB"):
            try:
                number = phonenumbers.parse(text, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(number):
                return None
        return False


_DIGIT_RUN = regex.compile(r"[+(]?\d[\d\s().-]{5,}\d")


class QuickPhoneRecognizer(PhoneRecognizer):
    """Presidio's phone recogniser (phonenumbers' matcher, valid numbers of the given regions), run only on
    the stretches around runs of digits: the matcher reads a whole text once per region, slowly."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        results = []
        for match in _DIGIT_RUN.finditer(text):
            start, end = max(0, match.start() - 4), min(len(text), match.end() + 4)
            for result in super().analyze(text[start:end], entities, nlp_artifacts):
                result.start += start
                result.end += start
                results.append(result)
        return results
