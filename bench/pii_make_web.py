"""Generate Moisson's web-style PII evaluation sets (French and English), CC0.

Writes ``bench/data/pii_web_fr.jsonl`` and ``bench/data/pii_web_en.jsonl``: short
texts in the style of web pages (forum posts, classified ads, contact pages,
newsletters, minutes, announcements, complaints, forms) with character spans for
PERSON, EMAIL_ADDRESS, PHONE_NUMBER, IBAN_CODE, CREDIT_CARD, IP_ADDRESS,
STREET_ADDRESS, FR_NIR (French set) and US_SSN, UK_NINO, UK_NHS (English set). About
30 % of the texts are neutral: no personal data, but lookalikes (prices, dates, order
numbers, ISBNs, SIRET numbers, versions, short service numbers, place and company
names, first names used as ordinary words).

Every person and value is random and invented; identifiers carry valid checksums. The
output is deterministic (fixed seed, stdlib only). ``--check`` re-reads the files and
validates spans, checksums and per-label counts without regenerating them. See
bench/data/PII_WEB.md.

Template syntax: ``[a|b]`` picks one alternative, ``{slot}`` calls ``Gen.slot_<slot>``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 20240611
N_TEXTS = 600
NEUTRAL_SHARE = 0.30
OUT = Path(__file__).resolve().parent / "data"
SOURCE = "bench/pii_make_web.py (generated for Moisson, CC0)"
LABELS = {
    "fr": "PERSON EMAIL_ADDRESS PHONE_NUMBER IBAN_CODE CREDIT_CARD IP_ADDRESS "
    "STREET_ADDRESS FR_NIR",
    "en": "PERSON EMAIL_ADDRESS PHONE_NUMBER IBAN_CODE CREDIT_CARD IP_ADDRESS "
    "STREET_ADDRESS US_SSN UK_NINO UK_NHS",
}
MINIMUM = {"PERSON": 60, "EMAIL_ADDRESS": 60, "PHONE_NUMBER": 60, "STREET_ADDRESS": 60}
MINIMUM |= {"IBAN_CODE": 40, "CREDIT_CARD": 40, "IP_ADDRESS": 40, "FR_NIR": 50}
MINIMUM |= {"US_SSN": 25, "UK_NINO": 25, "UK_NHS": 25}


def _split(s: str) -> list[str]:
    """Split a comma-separated word list (names may contain spaces and apostrophes)."""
    return [w.strip() for w in s.split(",") if w.strip()]


# --- Word lists (written for this generator) ------------------------------------------
D: dict[str, dict[str, list[str]]] = {
    "fr": {
        "f": _split(
            "Marie, Sophie, Camille, Léa, Chloé, Manon, Inès, Julie, Nathalie, Isabelle, "
            "Sylvie, Catherine, Françoise, Monique, Brigitte, Aurélie, Émilie, Céline, "
            "Sandrine, Valérie, Élodie, Laura, Sarah, Anaïs, Clara, Jade, Louise, Zoé, "
            "Lucie, Margaux, Océane, Pauline, Mathilde, Hélène, Christine, Anne-Sophie, "
            "Marie-Claire, Marie-Thérèse, Geneviève, Odile, Bernadette, Rose, Victoire, "
            "Capucine, Bérénice, Solène, Gwenaëlle, Maïwenn, Nolwenn, Ophélie, Maëlys, "
            "Fatima, Khadija, Yasmina, Nadia, Samira, Leïla, Amina, Malika, Soraya, Aïcha, "
            "Nour, Yasmine, Fatoumata, Aminata, Mariama, Awa, Kadiatou, Bintou, Oumou, "
            "Adjoa, Ana, Joana, Filipa, Mariana, Carmen, Lucía, Pilar, Rocío, Giulia, "
            "Francesca, Chiara, Agnieszka, Katarzyna, Małgorzata, Ewa, Linh, Thu Trang, "
            "Lan, Huong, Mei, Xiaoli, Jing, Yue"
        ),
        "m": _split(
            "Jean, Pierre, Michel, Philippe, Alain, Patrick, Nicolas, Christophe, Stéphane, "
            "Laurent, Thierry, Éric, Olivier, Frédéric, David, Julien, Sébastien, Thomas, "
            "Antoine, Maxime, Alexandre, Hugo, Lucas, Louis, Gabriel, Raphaël, Arthur, "
            "Nathan, Théo, Baptiste, Jean-Baptiste, Jean-Pierre, Jean-Luc, Jean-Marc, "
            "Jean-François, Pierre-Yves, Marc-Antoine, François-Xavier, Gérard, Bernard, "
            "Yves, Hervé, Gwenaël, Loïc, Erwan, Kevin, Dylan, Enzo, Noah, Adam, Mohamed, "
            "Karim, Rachid, Mehdi, Yacine, Sofiane, Nabil, Youssef, Bilal, Hamza, "
            "Abdelkader, Ilyès, Mamadou, Moussa, Ousmane, Ibrahima, Cheikh, Souleymane, "
            "Amadou, Seydou, Kwame, João, Manuel, Rui, Tiago, Carlos, Javier, Miguel, "
            "Alejandro, José, Giuseppe, Luca, Marco, Matteo, Piotr, Krzysztof, Tomasz, "
            "Paweł, Minh, Tuan, Quang, Huy, Wei, Jun, Hao, Lei"
        ),
        "last": _split(
            "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, "
            "Moreau, Simon, Laurent, Lefèvre, Michel, Garcia, David, Bertrand, Roux, "
            "Vincent, Fournier, Morel, Girard, André, Lefebvre, Mercier, Dupont, Lambert, "
            "Bonnet, François, Martinez, Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, "
            "Muller, Henry, Roussel, Perrin, Morin, Mathieu, Clément, Gauthier, Dumont, "
            "Lopez, Fontaine, Chevalier, Robin, Masson, Sanchez, Boyer, Denis, Lemaire, "
            "Duval, Joly, Roche, Roy, Noël, Meyer, Meunier, Marchand, Dufour, Blanchard, "
            "Barbier, Brun, Dumas, Brunet, Schmitt, Leroux, Colin, Fernandez, Pierre, "
            "Renard, Arnaud, Caron, Aubert, Giraud, Leclerc, Vidal, Bourgeois, Renaud, "
            "Lemoine, Picard, Gaillard, Le Gall, Le Goff, Le Bihan, Le Floch, Tanguy, "
            "Kerhervé, de La Fontaine, de Saint-Aubin, d'Almeida, N'Diaye, Diallo, Traoré, "
            "Koné, Coulibaly, Diop, Sow, Ba, Camara, Keïta, Touré, Ouédraogo, Mensah, "
            "Benali, Benaïssa, Bouzid, Haddad, Cherif, Khelifi, Mansouri, Belkacem, "
            "El Amrani, Aït-Ahmed, Ben Salah, Hamdi, Saïdi, Rahmani, Ferreira, Da Silva, "
            "Dos Santos, Pereira, Rodrigues, Oliveira, Gonçalves, Carvalho, Sousa, Rossi, "
            "Russo, Bianchi, Esposito, Romano, Colombo, Ricci, Marino, Kowalski, Nowak, "
            "Wiśniewski, Lewandowska, Zieliński, Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, "
            "Bui, Wang, Li, Zhang, Chen, Liu, Yang, Huang, Zhao, Lin, Rodriguez, Gomez, "
            "Jimenez, Ruiz, Hernandez, Moreno, Alvarez, Schneider, Weber, Klein, Fischer, "
            "Lecomte, Delacroix, Dupuis, Marchal, Collet, Hamon, Poirier, Guillot, "
            "Charpentier, Besnard, Texier, Pasquier, Vasseur, Hubert, Maillard"
        ),
        "titles_m": _split("M., M., M., Monsieur, Dr, Me"),
        "titles_f": _split("Mme, Mme, Mme, Madame, Dr, Me, Mlle"),
        "cities": _split(
            "75001 Paris, 69003 Lyon, 13006 Marseille, 31000 Toulouse, 06000 Nice, "
            "44000 Nantes, 67000 Strasbourg, 34000 Montpellier, 33000 Bordeaux, "
            "59000 Lille, 35000 Rennes, 51100 Reims, 42000 Saint-Étienne, 76600 Le Havre, "
            "83000 Toulon, 38000 Grenoble, 21000 Dijon, 49000 Angers, 30000 Nîmes, "
            "69100 Villeurbanne, 63000 Clermont-Ferrand, 72000 Le Mans, "
            "13090 Aix-en-Provence, 29200 Brest, 37000 Tours, 80000 Amiens, "
            "87000 Limoges, 74000 Annecy, 66000 Perpignan, 57000 Metz, 25000 Besançon, "
            "45000 Orléans, 76000 Rouen, 68100 Mulhouse, 14000 Caen, 54000 Nancy, "
            "93100 Montreuil, 59100 Roubaix, 29000 Quimper, 56000 Vannes, 20000 Ajaccio, "
            "20200 Bastia, 64000 Pau, 64100 Bayonne, 17000 La Rochelle, 86000 Poitiers, "
            "73000 Chambéry, 68000 Colmar, 35400 Saint-Malo, 24200 Sarlat-la-Canéda, "
            "39000 Lons-le-Saunier, 94120 Fontenay-sous-Bois, 92100 Boulogne-Billancourt, "
            "93200 Saint-Denis, 97400 Saint-Denis, 97200 Fort-de-France"
        ),
        "foreign": _split(
            "1000 Bruxelles, 4000 Liège, 5000 Namur, 6000 Charleroi, 1201 Genève, "
            "1003 Lausanne, 2000 Neuchâtel, 1700 Fribourg"
        ),
        "street_types": _split(
            "rue, rue, rue, rue, avenue, av., boulevard, bd, allée, impasse, chemin, "
            "place, quai, cours, square, passage, route"
        ),
        "streets": _split(
            "de la Paix, des Lilas, Victor Hugo, Jean Jaurès, du Général Leclerc, "
            "de la République, Pasteur, des Écoles, du Moulin, de la Gare, Gambetta, "
            "des Tilleuls, du Château, Saint-Martin, des Acacias, de Verdun, Émile Zola, "
            "du Maréchal Foch, des Roses, de Bretagne, du Stade, de l'Église, "
            "des Peupliers, du Lavoir, des Cerisiers, du Port, de la Liberté, Haussmann, "
            "des Vignes, du Bois Joli, des Mésanges, de la Fontaine, Paul Bert, Danton, "
            "des Frères Lumière, Aristide Briand, du 8 Mai 1945, de Strasbourg, "
            "Sainte-Catherine, des Tanneurs, du Four à Chaux, des Glycines"
        ),
        "companies": _split(
            "Boulangerie Au Bon Grain, Atelier Bleu, Les Jardins de Sologne, "
            "Transports Rapides de l'Ouest, Ma Petite Épicerie, Horizon Conseil, "
            "Vélos & Cie, Librairie La Page Blanche, Domaine des Trois Chênes, "
            "Les Amis du Lavoir, Plomberie Express 35, Cabinet Arcadie, Solidel Énergie, "
            "Ferme du Vieux Puits, Studio Pixelune, Garage de la Vallée, Éditions du Héron, "
            "Comptoir des Alpages, Nettoyage Éclat, Réseau Cocagne Numérique"
        ),
        "bics": _split(
            "BNPAFRPPXXX, AGRIFRPP882, CEPAFRPP751, SOGEFRPP, PSSTFRPPPAR, CMCIFR2A, "
            "CCBPFRPPNAN, GEBABEBB, KREDBEBB, DEUTDEFF, CAIXESBBXXX, BARCGB22"
        ),
        "months": _split(
            "janvier, février, mars, avril, mai, juin, juillet, août, septembre, "
            "octobre, novembre, décembre"
        ),
        "domains": _split(
            "gmail.com, gmail.com, orange.fr, free.fr, laposte.net, sfr.fr, wanadoo.fr, "
            "hotmail.fr, yahoo.fr, outlook.fr, icloud.com, proton.me, live.be, bluewin.ch"
        ),
        "roles": _split(
            "contact, info, accueil, secretariat, rh, recrutement, bonjour"
        ),
        "saints": _split("Pierre, Martin, Joseph, Étienne, Jacques, Nicolas, Germain"),
    },
    "en": {
        "f": _split(
            "Emma, Olivia, Sophie, Charlotte, Amelia, Isla, Grace, Emily, Jessica, Hannah, "
            "Lucy, Chloe, Megan, Rebecca, Sarah, Laura, Rachel, Claire, Helen, Karen, "
            "Susan, Margaret, Elizabeth, Catherine, Jennifer, Ashley, Brittany, Madison, "
            "Hope, Rose, Faith, Florence, Siobhan, Niamh, Aoife, Saoirse, Caoimhe, Róisín, "
            "Priya, Ananya, Deepika, Sunita, Kavya, Lakshmi, Aisha, Fatima, Zainab, "
            "Mariam, Chioma, Ngozi, Adaeze, Funmilayo, Yetunde, Amara, Nneka, Abena, "
            "Agnieszka, Zofia, Mei, Xin, Ying, Hui, Yuki, Maria, Sofia, Lucia, Isabella, "
            "Gabriela, Leah, Ruth, Miriam, Tamsin, Bethany, Kirsty, Shona, Eilidh, Ffion, "
            "Carys, Seren, Latoya, Shanice, Keisha, Jasmine, Naomi, Harriet, Beatrice, "
            "Imogen, Poppy, Mary-Kate, Anne-Marie"
        ),
        "m": _split(
            "James, John, William, Oliver, Harry, George, Jack, Thomas, Charlie, Daniel, "
            "Matthew, Michael, David, Richard, Robert, Paul, Mark, Andrew, Peter, Stephen, "
            "Christopher, Anthony, Joshua, Ryan, Tyler, Brandon, Jacob, Ethan, Noah, Liam, "
            "Will, Connor, Sean, Ciaran, Padraig, Eoin, Cillian, Oisín, Declan, Rajesh, "
            "Arjun, Vikram, Rohan, Sanjay, Amit, Gurpreet, Harjit, Mohammed, Ahmed, Imran, "
            "Tariq, Usman, Bilal, Chinedu, Emeka, Oluwaseun, Tunde, Babatunde, Obinna, "
            "Ikenna, Kwame, Kofi, Wei, Jian, Hao, Jun, Hiroshi, Minh, Piotr, Tomasz, "
            "Marek, Carlos, Diego, Mateo, Luis, Rhys, Gareth, Dafydd, Hamish, Callum, "
            "Angus, Malik, Darnell, Jamal, DeShawn, Andre, Marcus, Jean-Luc, Jamie, Alfie, "
            "Freddie, Toby"
        ),
        "last": _split(
            "Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, "
            "Johnson, Roberts, Robinson, Thompson, Wright, Walker, White, Edwards, Hughes, "
            "Green, Hall, Lewis, Harris, Clarke, Patel, Jackson, Wood, Turner, Martin, "
            "Cooper, Hill, Ward, Morris, Moore, Clark, Lee, King, Baker, Harrison, Morgan, "
            "Allen, James, Scott, Phillips, Watson, Davis, Parker, Price, Bennett, Young, "
            "Griffiths, Mitchell, Kelly, Cook, Carter, Richardson, Bailey, Collins, Bell, "
            "Shaw, Murphy, Miller, Cox, Richards, Khan, Marshall, Anderson, Simpson, Ellis, "
            "Adams, Singh, Begum, Wilkinson, Foster, Chapman, Powell, Webb, Rogers, Gray, "
            "Mason, Ali, Hunt, Hussain, Campbell, Matthews, Owen, Palmer, Holmes, Mills, "
            "Barnes, Knight, Lloyd, Butler, Russell, Barker, Fisher, Stevens, Jenkins, "
            "Murray, Dixon, Harvey, O'Brien, O'Connor, O'Sullivan, McCarthy, Byrne, Ryan, "
            "Doyle, Gallagher, Kennedy, Fitzgerald, MacDonald, McLeod, Fraser, Sharma, "
            "Gupta, Kumar, Reddy, Iyer, Nair, Chaudhry, Ahmed, Malik, Okafor, Okonkwo, "
            "Adeyemi, Balogun, Oyelaran, Eze, Nwosu, Mensah, Owusu, Boateng, Chen, Wang, "
            "Li, Zhang, Liu, Wong, Tan, Nguyen, Tanaka, Kowalski, Nowak, Garcia, "
            "Rodriguez, Hernandez, Lopez, Gonzalez, Santos, Silva, Rossi, Schmidt, Müller, "
            "Van der Berg, De Souza, St. John, Smith-Jones, Hughes-Whitfield, Freeman, "
            "Nightingale, Ashworth, Pennington"
        ),
        "titles_m": _split("Mr, Mr, Mr., Dr, Prof."),
        "titles_f": _split("Ms, Mrs, Mrs., Miss, Dr, Ms."),
        "cities": _split(  # UK: town + outward codes; US: city + state + zip prefix
            "London NW1 SE15 E8 N16 SW9 W12, Manchester M1 M20 M14, Birmingham B15 B29, "
            "Leeds LS6 LS11, Bristol BS8 BS3, Glasgow G12 G41, Edinburgh EH8 EH6, "
            "Cardiff CF10 CF24, Belfast BT7 BT9, Liverpool L8 L17, Sheffield S10 S7, "
            "Nottingham NG7, Oxford OX1 OX4, Cambridge CB2 CB4, York YO1, Brighton BN1, "
            "Norwich NR2, Exeter EX4, Swansea SA1, Aberdeen AB10"
        ),
        "us_cities": _split(
            "Springfield IL 627, Portland OR 972, Austin TX 787, Columbus OH 432, "
            "Denver CO 802, Madison WI 537, Boston MA 021, Seattle WA 981, Raleigh NC 276, "
            "Albany NY 122, Tucson AZ 857, Burlington VT 054, Savannah GA 314, "
            "Omaha NE 681"
        ),
        "street_types": _split(
            "Street, Street, Road, Road, Lane, Avenue, Close, Drive, Crescent, Way, "
            "Gardens, Terrace, Place, Rd, St."
        ),
        "streets": _split(
            "High, Baker, Elm, Oak, Maple, Church, Station, Victoria, Mill, Park, King, "
            "Queen, Green, Manor, Chestnut, Willow, Meadow, Cedar, Pine, Riverside, "
            "Orchard, Castle, Albert, Grove, Beech, Hawthorn, Kingsley, Clarendon, "
            "Lansdowne, Mulberry, Hillcrest, Lakeview, Sycamore, Ashford"
        ),
        "companies": _split(
            "Brightwater Plumbing Ltd, Oak & Ash Interiors, The Red Lion, "
            "Northfield Community Trust, Greenway Cycles, Harbour Light Books, "
            "Kestrel Software Ltd, Meadowbank Veterinary Practice, Copperleaf Bakery, "
            "Riverside Tenants' Association, Blue Finch Design, Hillside Allotment Society, "
            "Summit Roofing LLC, Lakeshore Dental Group, Parkview Surgery"
        ),
        "bics": _split(
            "NWBKGB2L, BARCGB22, LOYDGB21, HBUKGB4B, AIBKIE2D, BOFIIE2D, DEUTDEFF, "
            "COBADEFFXXX, BNPAFRPPXXX, CAIXESBBXXX, GEBABEBB"
        ),
        "months": _split(
            "January, February, March, April, May, June, July, August, September, "
            "October, November, December"
        ),
        "domains": _split(
            "gmail.com, gmail.com, outlook.com, hotmail.co.uk, yahoo.co.uk, btinternet.com, "
            "icloud.com, aol.com, proton.me, sky.com, yahoo.com, comcast.net, eircom.net"
        ),
        "roles": _split(
            "info, hello, enquiries, office, admin, jobs, support, bookings"
        ),
        "saints": _split("Mary's, John's, Peter's, Andrew's, Michael's, Anne's"),
    },
}
UK_INWARD = "ABDEFGHJLNPQRSTUWXYZ"
NINO_LETTERS = "ABCEGHJKLMNOPRSTWXYZ"  # no D F I Q U V; O is allowed first only
NINO_BAD_PREFIXES = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
FOLD = str.maketrans({"ł": "l", "Ł": "L", "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o"})


# --- Checksums ------------------------------------------------------------------------
def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check, used by payment cards and SIREN/SIRET."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    """Append the digit that makes ``partial`` Luhn-valid."""
    return next(partial + c for c in "0123456789" if luhn_ok(partial + c))


def _alnum_to_int(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s.upper()))


def iban_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN, spaces allowed."""
    s = iban.replace(" ", "")
    return len(s) > 4 and _alnum_to_int(s[4:] + s[:4]) % 97 == 1


def make_iban(country: str, bban: str) -> str:
    """Compute the two check digits for ``bban`` and return the compact IBAN."""
    return f"{country}{98 - _alnum_to_int(bban + country + '00') % 97:02d}{bban}"


def es_check_digit(part: str) -> str:
    """One of the two control digits of a Spanish account number (CCC)."""
    d = 11 - sum(int(a) * w for a, w in zip(part, [1, 2, 4, 8, 5, 10, 9, 7, 3, 6])) % 11
    return str({11: 0, 10: 1}.get(d, d))


def nir_key(first13: str) -> int:
    """INSEE key of a NIR: Corsica 2A/2B count as 19/18."""
    return 97 - int(first13.upper().replace("2A", "19").replace("2B", "18")) % 97


def nir_ok(nir: str) -> bool:
    s = re.sub(r"[\s.\-]", "", nir)
    ok = len(s) == 15 and s[0] in "12" and 1 <= int(s[3:5]) <= 12 and s[13:].isdigit()
    return ok and nir_key(s[:13]) == int(s[13:])


def nhs_check(nine: str) -> int | None:
    """Modulus-11 check digit of an NHS number (None: the 9 digits are unusable)."""
    r = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1))) % 11
    return 0 if r == 11 else (None if r == 10 else r)


def nhs_ok(nhs: str) -> bool:
    s = re.sub(r"[\s\-]", "", nhs)
    return len(s) == 10 and s.isdigit() and nhs_check(s[:9]) == int(s[9])


def ssn_ok(ssn: str) -> bool:
    m = re.fullmatch(r"(\d{3})[- ](\d{2})[- ](\d{4})", ssn)
    return bool(m) and 0 < int(m[1]) < 666 and m[2] != "00" and m[3] != "0000"


def nino_ok(nino: str) -> bool:
    s = nino.replace(" ", "")
    ok = re.fullmatch(
        f"[{NINO_LETTERS}][{NINO_LETTERS.replace('O', '')}]\\d{{6}}[A-D]", s
    )
    return bool(ok) and s[:2] not in NINO_BAD_PREFIXES


# --- Value generators -----------------------------------------------------------------
Segments = list[tuple[str, str | None]]  # (text, label or None)
Span = dict[str, int | str]
SLOT_LABEL = {
    "email": "EMAIL_ADDRESS",
    "remail": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "iban": "IBAN_CODE",
    "card": "CREDIT_CARD",
    "ip": "IP_ADDRESS",
    "addr": "STREET_ADDRESS",
    "nir": "FR_NIR",
    "ssn": "US_SSN",
    "nino": "UK_NINO",
    "nhs": "UK_NHS",
}


class Gen:
    """Fills one language's templates; ``slot_<name>`` methods produce the values."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.lang, self.rng, self.d = lang, rng, D[lang]
        self.person: tuple[str, str, str] | None = None  # (sex, first, last)
        self.company, self.dob, self.us, self.iban_cc = "", (0, 0), False, ""

    def digits(self, k: int) -> str:
        return "".join(self.rng.choices("0123456789", k=k))

    def pick(self, key: str) -> str:
        return self.rng.choice(self.d[key])

    def render(self, template: str, region: str = "") -> tuple[str, list[Span]]:
        """Resolve ``[a|b]`` alternatives, then ``{slot}`` values; return text and spans."""
        # Per-text state: last person, company and IBAN country named, birth date, US/UK.
        self.person, self.company, self.dob, self.iban_cc = None, "", (0, 0), ""
        self.us = region == "us" or (
            self.lang == "en" and not region and self.rng.random() < 0.35
        )
        template = re.sub(
            r"\[([^\[\]]*\|[^\[\]]*)\]",
            lambda m: self.rng.choice(m[1].split("|")),
            template,
        )
        text, spans = "", []
        for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
            if i % 2 == 0:
                text += part
                continue
            value = getattr(self, "slot_" + part)(text)
            segs = value if isinstance(value, list) else [(value, SLOT_LABEL.get(part))]
            for seg, label in segs:
                if label:
                    spans.append({"start": len(text), "end": len(text) + len(seg)})
                    spans[-1]["label"] = label
                text += seg
        return text, spans

    # Persons ---------------------------------------------------------------------------
    def _new_person(self, sex: str = "") -> tuple[str, str, str]:
        sex = sex or self.rng.choice("fm")
        self.person = (sex, self.pick(sex), self.pick("last"))
        return self.person

    def _title(self, sex: str) -> str:
        return self.pick("titles_" + sex) + " "

    def slot_name(self, before: str) -> Segments:
        """A name in one of the shapes seen on the web; the title is not labelled."""
        sex, first, last = self._new_person()
        r = self.rng.random()
        if r < 0.14:
            return [(self._title(sex), None), (f"{first} {last}", "PERSON")]
        if r < 0.26:
            return [(self._title(sex), None), (last, "PERSON")]
        if r < 0.36:  # forms: "DUPONT Marie" (fr) / "First LAST" (en)
            if self.lang == "fr":
                return [(f"{last.upper()} {first}", "PERSON")]
            return [(f"{first} {last.upper()}", "PERSON")]
        if r < 0.44:
            head, _, tail = first.partition("-")
            initial = f"{head}-{tail[0]}." if tail else f"{first[0]}."
            if self.lang == "en" and self.rng.random() < 0.5:
                initial = f"{first} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}."
            return [(f"{initial} {last}", "PERSON")]
        if r < 0.50 and self.lang == "fr":
            return [(f"{first} {last.upper()}", "PERSON")]
        return [(f"{first} {last}", "PERSON")]

    def slot_fullname(self, before: str) -> Segments:
        _, first, last = self._new_person()
        return [(f"{first} {last}", "PERSON")]

    def slot_fullname_f(self, before: str) -> Segments:
        _, first, last = self._new_person("f")
        return [(f"{first} {last}", "PERSON")]

    def slot_mr(self, before: str) -> Segments:
        sex, _, last = self._new_person()
        return [(self._title(sex), None), (last, "PERSON")]

    def slot_last(self, before: str) -> Segments:
        return [(self._new_person()[2], "PERSON")]

    def slot_lastcaps(self, before: str) -> Segments:
        return [(self._new_person()[2].upper(), "PERSON")]

    def slot_first(self, before: str) -> Segments:
        return [(self._new_person()[1], "PERSON")]

    def slot_sig(self, before: str) -> Segments:
        """The first name of the person last mentioned (a signature), or a new one."""
        return [((self.person or self._new_person())[1], "PERSON")]

    # Contact data ----------------------------------------------------------------------
    @staticmethod
    def _ascii(s: str, sep: str = "") -> str:
        s = unicodedata.normalize("NFKD", s.translate(FOLD)).encode("ascii", "ignore")
        return re.sub(r"[^a-z0-9]+", sep, s.decode().lower()).strip(sep)

    def slot_email(self, before: str) -> str:
        """Personal address, usually built from the person last mentioned."""
        if self.person is None or self.rng.random() < 0.2:
            first, last = self.pick(self.rng.choice("fm")), self.pick("last")
        else:
            _, first, last = self.person
        f, la, n = self._ascii(first), self._ascii(last), self.rng.randint(1, 99)
        local = self.rng.choice(
            [f"{f}.{la}", f"{f[0]}{la}", f"{f}{la}{n}", f"{la}.{f}", f"{f}_{la}",
             f"{f}.{la}{n}", f"{f[0]}.{la}", f"{la}{f[0]}", f"{f}{n:02d}"]
        )  # fmt: skip
        domain = self.pick("domains")
        if self.rng.random() < 0.05:  # obfuscated against harvesters
            at, dot = self.rng.choice(
                [(" [at] ", " [dot] "), ("(at)", "."), (" @ ", ".")]
            )
            return local + at + domain.replace(".", dot)
        return local + "@" + domain

    def slot_remail(self, before: str) -> str:
        """Role address of an organisation (contact@..., hello@...)."""
        tld = self.rng.choice(["fr", "fr", "com", "org", "eu"] if self.lang == "fr" else
                              ["co.uk", "com", "org.uk", "org", "ie"])  # fmt: skip
        company = self.company or self.pick("companies")
        slug = self._ascii(company, self.rng.choice(["", "-"]))
        return f"{self.pick('roles')}@{slug}.{tld}"

    def slot_phone(self, before: str) -> str:
        return self._phone_fr() if self.lang == "fr" else self._phone_en()

    def _phone_fr(self) -> str:
        rng, r = self.rng, self.rng.random()
        if r < 0.1:  # Belgian / Swiss
            a, b, c = self.digits(3), self.digits(2), self.digits(2)
            if r < 0.05:
                return rng.choice([f"+32 2 {a} {b} {c}", f"02 {a} {b} {c}",
                                   f"+32 47{rng.randint(0, 9)} {b} {c} {self.digits(2)}"])  # fmt: skip
            return rng.choice([f"+41 22 {a} {b} {c}", f"022 {a} {b} {c}",
                               f"+41 79 {a} {b} {c}"])  # fmt: skip
        lead = rng.choice("6666777123459")
        num = "0" + lead + self.digits(8)
        p = [num[i : i + 2] for i in range(0, 10, 2)]
        rest = " ".join(p[1:])
        return rng.choices(
            [" ".join(p), ".".join(p), num, f"+33 {lead} {rest}", f"+33 (0){lead} {rest}",
             "-".join(p), "+33" + num[1:], f"0033 {lead} {rest}"],
            weights=[34, 12, 10, 14, 5, 6, 4, 3],
        )[0]  # fmt: skip

    def _phone_en(self) -> str:
        """UK and US numbers from the ranges Ofcom and NANPA reserve for fiction."""
        rng, r, x = self.rng, self.rng.random(), self.digits(3)
        if self.us and r < 0.9:
            r = 1.0
        elif not self.us and r > 0.6:
            r = rng.uniform(0, 0.6) if r < 0.95 else r
        if r < 0.25:
            return rng.choice([f"020 7946 0{x}", f"+44 20 7946 0{x}", f"+44 (0)20 7946 0{x}",
                               f"0207 946 0{x}"])  # fmt: skip
        if r < 0.45:
            return rng.choice([f"07700 900{x}", f"+44 7700 900{x}", f"07700900{x}"])
        if r < 0.6:
            area = rng.choice(["113", "114", "115", "117", "121", "131", "141", "161"])
            return rng.choice([f"0{area} 496 0{x}", f"+44 {area} 496 0{x}"])
        area, xx = rng.choice(["212", "415", "312", "503", "617", "206", "512"]), x[:2]
        return rng.choice([f"({area}) 555-01{xx}", f"{area}-555-01{xx}",
                           f"+1 {area} 555 01{xx}", f"{area}.555.01{xx}",
                           f"1-{area}-555-01{xx}", f"+1 ({area}) 555-01{xx}"])  # fmt: skip

    def slot_addr(self, before: str) -> str:
        return self._addr_fr(before) if self.lang == "fr" else self._addr_en()

    def _addr_fr(self, before: str) -> str:
        rng = self.rng
        kind, name = self.pick("street_types"), self.pick("streets")
        if kind == "route":
            name = "de " + self.pick("cities").split(" ", 1)[1]
        if before.endswith((": ", "\n")) and rng.random() < 0.15:  # Belgian / Swiss
            return f"{kind.capitalize()} {name} {rng.randint(1, 150)}, {self.pick('foreign')}"
        num = str(rng.randint(1, 180)) + rng.choice(
            ["", "", "", "", " bis", " ter", "B"]
        )
        street = f"{num}{',' if rng.random() < 0.1 else ''} {kind} {name}"
        cp, city = self.pick("cities").split(" ", 1)
        if city == "Paris":
            cp = f"750{rng.randint(1, 20):02d}"
        elif city == "Lyon":
            cp = f"6900{rng.randint(1, 9)}"
        if rng.random() < 0.08:
            city = city.upper()
        sep = rng.choices([", ", " ", "\n", " – ", None], weights=[40, 18, 8, 4, 30])[0]
        return street if sep is None else f"{street}{sep}{cp} {city}"

    def _uk_postcode(self, outwards: list[str]) -> str:
        inward = "".join(self.rng.choices(UK_INWARD, k=2))
        return f"{self.rng.choice(outwards)} {self.rng.randint(0, 9)}{inward}"

    def _addr_en(self) -> str:
        rng = self.rng
        if self.us:
            city, state, zip3 = self.pick("us_cities").split()
            kind = rng.choice(["Street", "St.", "Avenue", "Ave", "Blvd", "Drive", "Road",
                               "Lane", "Court", "Way"])  # fmt: skip
            street = f"{rng.randint(10, 9899)} {self.pick('streets')} {kind}"
            street += rng.choice(["", "", "", " NW", " SE", ", Apt 4B", " Suite 210"])
            tail = f", {city}, {state} {zip3}{self.digits(2)}"
            return street + rng.choice([tail, tail, tail.replace(", ", "\n", 1), ""])
        town, *outs = self.pick("cities").split()
        num = f"{rng.randint(1, 240)}{rng.choice(['', '', '', '', 'A', 'B'])}"
        street = f"{num} {self.pick('streets')} {self.pick('street_types')}"
        prefix = rng.choice(["", "", "", "", f"Flat {rng.randint(1, 12)}, ",
                             f"Apartment {rng.randint(1, 40)}, ", "Unit 5, "])  # fmt: skip
        pc = self._uk_postcode(outs)
        tail = rng.choice([f", {town} {pc}", f", {town}, {pc}", f"\n{town}\n{pc}",
                           f", {town}", "", ""])  # fmt: skip
        return prefix + street + tail

    # Financial and national identifiers ------------------------------------------------
    def slot_iban(self, before: str) -> str:
        rng = self.rng
        weights = [70, 7, 8, 6, 5, 0] if self.lang == "fr" else [12, 8, 5, 6, 55, 14]
        country = rng.choices(["FR", "DE", "BE", "ES", "GB", "IE"], weights)[0]
        if country == "FR":
            bank = rng.choice(["30004", "30003", "30002", "20041", "10278", "18206",
                               "11315", "30066", "16606", "17515", "13807"])  # fmt: skip
            branch, account = self.digits(5), self.digits(11)
            key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
            bban = f"{bank}{branch}{account}{key:02d}"
        elif country == "DE":
            bban = self.digits(18)
        elif country == "BE":
            ten = self.digits(10)
            bban = f"{ten}{int(ten) % 97 or 97:02d}"
        elif country == "ES":
            bank, account = self.digits(8), self.digits(10)
            bban = (
                bank + es_check_digit("00" + bank) + es_check_digit(account) + account
            )
        else:
            bank = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"] if country == "GB"
                              else ["AIBK", "BOFI"])  # fmt: skip
            bban = bank + self.digits(14)
        iban, self.iban_cc = make_iban(country, bban), country
        if rng.random() < 0.3:
            return iban
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))

    def slot_card(self, before: str) -> str:
        rng = self.rng
        brand = rng.choices(["visa", "mc", "amex"], [5, 4, 2])[0]
        if brand == "amex":
            n = luhn_complete(rng.choice(["34", "37"]) + self.digits(12))
            groups = [n[:4], n[4:10], n[10:]]
        else:
            mastercard = rng.choice(["51", "53", "55", "2221", "2720"])
            prefix = "4" if brand == "visa" else mastercard
            n = luhn_complete(prefix + self.digits(15 - len(prefix)))
            groups = [n[i : i + 4] for i in range(0, 16, 4)]
        return rng.choices([" ".join(groups), n, "-".join(groups)], [55, 25, 20])[0]

    def slot_ip(self, before: str) -> str:
        """Mostly documentation ranges (RFC 5737, RFC 3849), some ordinary public ones."""
        rng, r = self.rng, self.rng.random()
        if r < 0.15:
            h = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(4)]
            full = ":".join(f"{g:0>4}" for g in ["2001", "db8", h[0], "0", "0", *h[1:]])
            isp = (
                "2a01:cb" if self.lang == "fr" else "2a00:23c"
            ) + f"{rng.randint(0, 15):x}"
            return rng.choice(
                [f"2001:db8::{h[0]}", f"2001:db8:{h[0]}::{h[1]}:{h[2]}", full,
                 f"{isp}:{h[0]}:{h[1]}::{h[2]}"]
            )  # fmt: skip
        if r < 0.65:
            net = rng.choice(["192.0.2", "198.51.100", "203.0.113"])
            return f"{net}.{rng.randint(1, 254)}"
        first = rng.choice([31, 37, 45, 62, 77, 78, 81, 86, 88, 90, 109, 176, 185, 212])
        return ".".join(map(str, [first, rng.randint(0, 255), rng.randint(0, 255),
                                  rng.randint(1, 254)]))  # fmt: skip

    def slot_nir(self, before: str) -> str:
        """French NIR: sex, yy, mm, place of birth (dept + commune), order, key."""
        rng = self.rng
        sex = "1" if (self.person or ("m",))[0] == "m" else "2"
        y, m = (
            self.dob if self.dob[0] else (rng.randint(1940, 2006), rng.randint(1, 12))
        )
        yy, mm, r = f"{y % 100:02d}", f"{m:02d}", rng.random()
        if r < 0.1:
            dept, commune = rng.choice(["2A", "2B"]), f"{rng.randint(1, 366):03d}"
        elif r < 0.18:  # overseas: 3-digit department, 2-digit commune
            dept, commune = f"97{rng.randint(1, 6)}", f"{rng.randint(1, 34):02d}"
        elif r < 0.26:  # born abroad: 99 + INSEE country code
            dept, commune = "99", rng.choice(["350", "351", "352", "139", "134", "109"])
        else:
            dept = f"{rng.choice([n for n in range(1, 96) if n != 20]):02d}"
            commune = f"{rng.randint(1, 900):03d}"
        order = f"{rng.randint(1, 999):03d}"
        head = f"{sex}{yy}{mm}{dept}{commune}{order}"
        key = f"{nir_key(head):02d}"
        parts = [sex, yy, mm, dept, commune, order]
        return rng.choices(
            [" ".join(parts + [key]), head + key, " ".join(parts) + " - " + key,
             head + " " + key, ".".join(parts + [key])],
            weights=[45, 25, 10, 12, 8],
        )[0]  # fmt: skip

    def slot_ssn(self, before: str) -> str:
        while True:
            area, group, serial = (self.rng.randint(1, 665), self.rng.randint(1, 99),
                                   self.rng.randint(1, 9999))  # fmt: skip
            ssn = f"{area:03d}-{group:02d}-{serial:04d}"
            if ssn not in {"078-05-1120", "123-45-6789", "219-09-9999"}:
                return ssn if self.rng.random() < 0.85 else ssn.replace("-", " ")

    def slot_nino(self, before: str) -> str:
        while True:
            pre = "".join(
                map(self.rng.choice, [NINO_LETTERS, NINO_LETTERS.replace("O", "")])
            )
            if pre not in NINO_BAD_PREFIXES:
                break
        d, suffix = self.digits(6), self.rng.choice("ABCD")
        if self.rng.random() < 0.35:
            return pre + d + suffix
        return f"{pre} {d[:2]} {d[2:4]} {d[4:]} {suffix}"

    def slot_nhs(self, before: str) -> str:
        while (check := nhs_check(nine := self.digits(9))) is None:
            pass
        n = f"{nine}{check}"
        return self.rng.choices([f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]}-{n[3:6]}-{n[6:]}"],
                                [70, 20, 10])[0]  # fmt: skip

    # Unlabelled lookalikes and fillers -------------------------------------------------
    def slot_city(self, before: str) -> str:
        if self.lang == "fr":
            return self.pick("cities").split(" ", 1)[1]
        if self.us:
            return self.pick("us_cities").split()[0]
        return self.pick("cities").split()[0]

    def slot_cpcity(self, before: str) -> str:
        if self.lang == "fr":
            return self.pick("cities")
        if self.us:
            city, state, zip3 = self.pick("us_cities").split()
            return f"{city}, {state} {zip3}{self.digits(2)}"
        town, *outs = self.pick("cities").split()
        return f"{town} ({self.rng.choice(outs)})"

    def slot_company(self, before: str) -> str:
        self.company = self.pick("companies")
        return self.company

    def slot_bic(self, before: str) -> str:
        """A bank's BIC, from the country of the IBAN given just before if there is one."""
        same = [b for b in self.d["bics"] if b[4:6] == self.iban_cc]
        return self.rng.choice(same or self.d["bics"])

    def slot_month(self, before: str) -> str:
        return self.pick("months")

    def slot_saint(self, before: str) -> str:
        return self.pick("saints")

    def _money(self, x: int, cents: bool) -> str:
        s = f"{x + self.rng.randint(0, 99) / 100:,.2f}" if cents else f"{x:,}"
        if self.lang == "en":
            return ("$" if self.us else self.rng.choice("££££€")) + s
        sep = self.rng.choice([" ", "\u202f", "."])  # French thousands separators
        return s.translate({ord(","): sep, ord("."): ","}) + " €"

    def slot_price(self, before: str) -> str:
        """An everyday amount (a few euros to a few thousand)."""
        x = (
            self.rng.randint(2, 99)
            if self.rng.random() < 0.6
            else self.rng.randint(100, 1500)
        )
        return self._money(x, self.rng.random() < 0.45)

    def slot_amount(self, before: str) -> str:
        """A round second-hand price or monthly rent."""
        return self._money(self.rng.randint(4, 190) * 10, False)

    def slot_bigprice(self, before: str) -> str:
        """A capital, a budget, a salary or a house price."""
        x = self.rng.randint(12, 480) * self.rng.choice([100, 1000])
        return self._money(x, False)

    def slot_date(self, before: str) -> str:
        rng = self.rng
        d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2026)
        month = self.d["months"][m - 1]
        if self.lang == "fr":
            return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {month} {y}", f"{d} {month}",
                               f"{d:02d}.{m:02d}.{y}", f"{d:02d}/{m:02d}"])  # fmt: skip
        return rng.choice([f"{d} {month} {y}", f"{month} {d}, {y}", f"{d:02d}/{m:02d}/{y}",
                           f"{y}-{m:02d}-{d:02d}", f"{d} {month}"])  # fmt: skip

    def slot_dob(self, before: str) -> str:
        """A birth date, remembered so that a NIR written later in the text agrees."""
        d, m, y = (
            self.rng.randint(1, 28),
            self.rng.randint(1, 12),
            self.rng.randint(1940, 2006),
        )
        self.dob = (y, m)
        return self.rng.choice(
            [f"{d:02d}/{m:02d}/{y}", f"{d} {self.d['months'][m - 1]} {y}"]
        )

    def slot_time(self, before: str) -> str:
        h, m = self.rng.randint(8, 20), self.rng.choice([0, 0, 15, 30, 45])
        if self.lang == "fr":
            return self.rng.choice([f"{h}h{m:02d}", f"{h} h {m:02d}", f"{h}:{m:02d}"])
        am_pm = f"{(h - 1) % 12 + 1}:{m:02d} {'ap'[h >= 12]}m"
        return self.rng.choice([f"{h}:{m:02d}", am_pm])

    def slot_pct(self, before: str) -> str:
        x = self.rng.choice(
            [str(self.rng.randint(2, 40)), f"{self.rng.uniform(0.5, 20):.1f}"]
        )
        return f"{x.replace('.', ',')} %" if self.lang == "fr" else f"{x}%"

    def slot_n(self, before: str) -> str:
        return str(self.rng.randint(2, 45))

    def slot_year(self, before: str) -> str:
        return str(self.rng.randint(2019, 2026))

    def slot_age(self, before: str) -> str:
        return str(self.rng.randint(58, 99))

    def slot_score(self, before: str) -> str:
        return f"{self.rng.randint(0, 5)}-{self.rng.randint(0, 4)}"

    def slot_version(self, before: str) -> str:
        v = f"{self.rng.randint(1, 12)}.{self.rng.randint(0, 24)}.{self.rng.randint(0, 9)}"
        return self.rng.choice(["v", ""]) + v

    def slot_build(self, before: str) -> str:  # four dotted numbers that are not an IP
        return f"10.0.{self.rng.randint(17000, 26100)}.{self.rng.randint(100, 4999)}"

    def slot_order(self, before: str) -> str:
        y, r = self.rng.randint(2021, 2025), self.rng.random()
        if self.lang == "en" and r < 0.4:
            return f"{self.digits(3)}-{self.digits(7)}-{self.digits(7)}"
        if r < 0.7:
            return f"{y}-{self.digits(6)}"
        return self.rng.choice("ACKW") + self.digits(8)

    def slot_invoice(self, before: str) -> str:
        head = "FA" if self.lang == "fr" else "INV"
        return f"{head}-{self.rng.randint(2021, 2025)}-{self.digits(5)}"

    def slot_ticket(self, before: str) -> str:
        return self.digits(6).lstrip("0") or "4821"

    def slot_ref(self, before: str) -> str:
        letters = "".join(self.rng.choices("ABCDEFGHKLMNPRSTVXZ", k=2))
        return f"{letters}-{self.digits(4)}-{self.rng.choice('ABCDEFGH')}"

    def slot_masked(self, before: str) -> str:
        last4 = self.digits(4)
        return self.rng.choice([f"**** **** **** {last4}", f"XXXX XXXX XXXX {last4}",
                                f"•••• {last4}", f"XXXX-XXXX-XXXX-{last4}"])  # fmt: skip

    def slot_exp(self, before: str) -> str:
        return f"{self.rng.randint(1, 12):02d}/{self.rng.randint(26, 31)}"

    def slot_isbn(self, before: str) -> str:
        group = "2" if self.lang == "fr" else self.rng.choice("01")
        pub_len = self.rng.randint(2, 5)
        pub, title = self.digits(pub_len), self.digits(8 - pub_len)
        body = f"978{group}{pub}{title}"
        check = -sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body)) % 10
        return f"978-{group}-{pub}-{title}-{check}"

    def slot_siren(self, before: str) -> str:
        s = luhn_complete(self.rng.choice("3456789") + self.digits(7))
        return f"{s[:3]} {s[3:6]} {s[6:]}"

    def slot_siret(self, before: str) -> str:
        s = luhn_complete(
            self.slot_siren(before).replace(" ", "") + "000" + self.digits(1)
        )
        return self.rng.choice([f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", s])

    def slot_tva(self, before: str) -> str:
        siren = self.slot_siren(before).replace(" ", "")
        return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"

    def slot_compno(self, before: str) -> str:
        return self.rng.choice(
            ["0" + self.digits(7), "SC" + self.digits(6), self.digits(8)]
        )

    def slot_vat(self, before: str) -> str:
        return f"GB {self.digits(3)} {self.digits(4)} {self.digits(2)}"


# --- Templates: [a|b] picks one alternative, {slot} inserts a value -------------------
FR_PII = {
    "forum-presentation": (
        "[Bonjour|Salut à tous|Bonsoir], je m'appelle {fullname} et je cherche "
        "[un covoiturage pour aller au travail|une colocation pour la rentrée|"
        "un prof de guitare pour mon fils] sur {city}. Vous pouvez me joindre au {phone} "
        "[ou par mail à|ou m'écrire :|, sinon par e-mail :] {email}. "
        "[Merci d'avance !|Bonne journée.|Merci !]\n{sig}"
    ),
    "annonce-vente": (
        "Vends [vélo électrique|canapé 3 places|poussette double|table en chêne massif|"
        "lave-linge 8 kg] [très bon état|comme neuf|peu servi], {amount} à débattre. "
        "À récupérer au {addr}. Contact : {name}, {phone} (après {time} en semaine)."
    ),
    "page-contact": (
        "Nous contacter\n{company}\n{addr}\nTél. : {phone}\nCourriel : {remail}\n"
        "Responsable de l'accueil : {name} ({email})\n"
        "Ouvert du lundi au vendredi, de 9h à {time}."
    ),
    "lettre-association": (
        "Lettre de l'association {company} – {month} {year}\n"
        "Chers adhérents, l'assemblée générale aura lieu le {date} à {time}, salle des "
        "fêtes de {city}. Merci de confirmer votre présence auprès de notre secrétaire, "
        "{mr}, au {phone} ou à {email}.\nLa cotisation annuelle ({price}) peut être "
        "réglée par virement (IBAN {iban}).\nLe président, {fullname}"
    ),
    "reclamation-carte": (
        "Bonjour, j'ai passé la commande n° {order} le {date} et j'ai été débité deux "
        "fois de {price} sur ma carte {card}. Je demande le remboursement immédiat.\n"
        "Mes coordonnées : {name}, {addr}, tél. {phone}.\nCordialement."
    ),
    "instructions-virement": (
        "Pour le règlement de la facture {invoice}, merci d'effectuer un virement sur le "
        "compte suivant :\nTitulaire : {name}\nIBAN : {iban}\nBIC : {bic}\n"
        "Montant : {price}. [Pour toute question|En cas de souci] : {email} ou {phone}."
    ),
    "offre-emploi": (
        "Offre d'emploi – [Assistant(e) administratif(ve)|Boulanger(ère)|"
        "Développeur(se) Python|Aide-soignant(e)] H/F, CDI, {city}\n{company} recrute ! "
        "Salaire : [1 850|2 100|2 400|3 200] € brut mensuel. Envoyez CV et lettre de motivation à {mr}, "
        "responsable RH, [à l'adresse|par mail :] {email} ou à {remail}. "
        "Renseignements au {phone}."
    ),
    "mentions-legales": (
        "Mentions légales\nLe site est édité par {company}, SARL au capital de {bigprice}, "
        "RCS {city} {siren}, SIRET {siret}. Siège social : {addr}.\n"
        "Directeur de la publication : {fullname}. Contact : {remail} – {phone}.\n"
        "Conformément à la loi n° 78-17 du 6 janvier 1978, vous pouvez exercer vos droits "
        "en écrivant à {email}."
    ),
    "conseil-municipal": (
        "Compte rendu du conseil municipal du {date}\nPrésents : {name}, {name}, {name}, "
        "{fullname}. Absent excusé : {mr} (pouvoir à {mr}).\nSecrétaire de séance : "
        "{name}.\n1. Cession de la parcelle AB {n} située {addr} : adoptée à "
        "l'unanimité.\n2. Tarifs de la cantine : {price} par repas à compter du {date}."
    ),
    "avis-deces": (
        "Avis de décès – {city}\n{fullname_f}[, née {lastcaps},|] nous a quittés le {date}, "
        "à l'âge de {age} ans. Les obsèques seront célébrées le {date} à {time} en "
        "l'église Saint-{saint}. [Ni fleurs ni couronnes.|Un registre de condoléances "
        "sera à disposition.] Condoléances : {name}, {addr}."
    ),
    "faire-part-mariage": (
        "{fullname} et {fullname} ont la joie de vous annoncer leur mariage, qui sera "
        "célébré le {date} à la mairie de {city}. Réponse souhaitée avant le {date} "
        "auprès de {first} ({phone}) ou par mail : {email}."
    ),
    "info-ecole": (
        "École élémentaire [des Tilleuls|du Centre|Les Marronniers|de la Plaine] – "
        "Info parents\nLa sortie au musée aura lieu le {date}. Merci de rendre "
        "l'autorisation signée à {mr}, enseignant(e) de CM1, avant vendredi. Pour la "
        "cantine, contactez {fullname} au {phone}.\nRappel : la coopérative scolaire "
        "({price}) se règle par chèque ou par virement (IBAN {iban})."
    ),
    "commentaire-ip": (
        "Commentaire de {first} – le {date} à {time} (IP : {ip})\n[Super article, merci, "
        "je partage !|Je ne suis pas d'accord avec la conclusion : les chiffres de {year} "
        "disent l'inverse.|Quelqu'un a testé la version {version} ? Chez moi ça plante.]"
    ),
    "forum-technique": (
        "[Mon IP|L'adresse IP de mon serveur] {ip} est bannie depuis hier par le "
        "pare-feu, alors que j'utilise la {version}. Les logs montrent aussi des "
        "tentatives depuis {ip} et {ip} (port 22). Quelqu'un a une idée ? – {sig}"
    ),
    "alerte-securite": (
        "Bonjour {mr},\nNous avons détecté une connexion inhabituelle à votre compte "
        "depuis l'adresse {ip} le {date} à {time}. Si ce n'était pas vous, changez votre "
        "mot de passe et appelez-nous au {phone}.\nL'équipe sécurité – {company}"
    ),
    "forum-secu": (
        "Bonjour, je m'appelle {name}, né(e) le {dob}. Pour mon dossier CPAM j'ai envoyé "
        "mon numéro de sécu ({nir}) mais ils me disent qu'il est incorrect ?? Quelqu'un "
        "sait qui appeler ? Le 3646 ne répond jamais."
    ),
    "fiche-salarie": (
        "Fiche salarié\nNom : {lastcaps}\nPrénom : {sig}\nNé(e) le : {dob}\n"
        "N° de sécurité sociale : {nir}"
        "\nAdresse : {addr}\nTéléphone : {phone}\nE-mail : {email}\nRIB (IBAN) : {iban}"
    ),
    "attestation-employeur": (
        "Je soussigné(e) {fullname}, gérant(e) de {company} (SIRET {siret}), atteste que "
        "{mr}, né(e) le {dob}, numéro de sécurité sociale {nir}, demeurant {addr}, est "
        "employé(e) dans notre entreprise depuis le {date}. Fait pour servir et valoir "
        "ce que de droit."
    ),
    "courrier-mutuelle": (
        "Objet : remboursement non reçu\nMadame, Monsieur,\nJe vous ai adressé le {date} "
        "la facture {invoice} ({price}). À ce jour, je n'ai rien reçu. Pour rappel, mon "
        "numéro d'assuré est le {nir} et mes coordonnées bancaires n'ont pas changé "
        "({iban}).\n{fullname}\n{phone}"
    ),
    "alerte-arnaque": (
        "Attention arnaque ! Un faux site de livraison m'a demandé ma carte ({card}) pour "
        "payer {price} de frais de douane. J'ai fait opposition tout de suite. Si vous "
        "recevez un SMS du {phone}, ne cliquez pas. {first}, {city}"
    ),
    "reservation": (
        "Confirmation de réservation n° {order}\nClient : {name}\nArrivée : {date} "
        "([2|3|5|7] nuits)\nCarte de garantie : {card} (exp. {exp})\nAdresse de "
        "facturation : {addr}\nPour toute modification : {remail} ou {phone}."
    ),
    "vide-grenier": (
        "Vide-grenier du {date} à {city} !\nInscriptions auprès de {fullname} ({phone}) "
        "ou de {first} au {phone}. Emplacement de 3 m : {price}. Rendez-vous au {addr}, "
        "à partir de {time}."
    ),
    "location": (
        "Appartement T2 à louer, {addr}, {amount} charges comprises. Visite le {date} sur "
        "rendez-vous. Propriétaire : {mr} – {phone} – pas d'agence svp."
    ),
    "chat-perdu": (
        "Perdu chat tigré le {date} vers le {addr}. Il répond au nom de Caramel. Si vous "
        "le voyez, appelez {first} au {phone} ou au {phone}. Récompense !"
    ),
    "contacts-club": (
        "Les contacts du club pour la saison {year}-{year} :\n- Président : {name} – "
        "{phone}\n- Trésorière : {name} – {email}\n- Entraîneur : {name} – {phone}\n"
        "- Secrétariat : {remail}\nSiège : {addr}"
    ),
    "ticket-support": (
        "Ticket #{ticket} – Paiement refusé\nBonjour, mon paiement de {price} est refusé "
        "avec la carte {card}, alors que j'ai du solde. Je me connecte depuis {ip}. Mon "
        "compte est au nom de {name}, e-mail {email}. Merci de regarder !"
    ),
    "ouverture-cabinet": (
        "Le Dr {last} a le plaisir de vous informer de l'ouverture de son cabinet au "
        "{addr}. Consultations sur rendez-vous au {phone}. [Secrétariat : {fullname}.|"
        "Pour les urgences, composez le 15.]"
    ),
    "mot-parents": (
        "Bonsoir Mme {last}, {first} sera absent(e) demain pour un rendez-vous médical. "
        "Vous pouvez me joindre au {phone} si besoin. Bien cordialement, {name}"
    ),
    "cagnotte": (
        "Cagnotte solidaire : suite à l'incendie de leur maison, {addr}, la famille "
        "{last} a tout perdu. Dons par virement : {iban} (titulaire : {fullname}) ou via "
        "la cagnotte en ligne. Merci pour eux ! Contact : {email}"
    ),
    "historique-connexions": (
        "Historique des connexions – compte {email}\n{date} {time} – {ip} – Firefox – "
        "{city}\n{date} {time} – {ip} – Chrome {version}\n{date} {time} – {ip} – "
        "application mobile\nSi vous ne reconnaissez pas une connexion, appelez le "
        "support au {phone}."
    ),
    "dossier-location": (
        "Dossier de location – pièces reçues pour {name} : pièce d'identité, trois "
        "bulletins de salaire, attestation de droits à l'assurance maladie (n° {nir}), "
        "RIB ({iban}). Garant : {name}, {addr}."
    ),
    "recommandation-artisan": (
        "Pour ceux qui cherchent un bon artisan sur {city} : {name}, {addr}. Il a refait "
        "ma salle de bain pour {price}, travail impeccable. Son numéro : {phone}."
    ),
    "newsletter-don": (
        "Merci de votre don de {price} !\nReçu fiscal n° {order} établi au nom de {name},"
        " {addr}. Montant payé par carte {card} le {date}. Réduction d'impôt : {pct} du "
        "montant. Une question ? {remail}"
    ),
}

FR_PII |= {
    "fil-forum": (
        "Sujet : Recherche nounou sur {city} (urgent)\n\nMessage de {first} :\nBonjour à "
        "tous, nous cherchons une assistante maternelle agréée pour notre fille de 18 mois, "
        "à partir du {date}, 4 jours par semaine (environ {price} par mois). Nous habitons "
        "{addr}. Contactez-moi au {phone}.\n\nRéponse de {first} :\nBonjour, je suis "
        "assistante maternelle depuis {n} ans (agrément n° {ref}) et j'ai une place à "
        "partir de septembre. Mon mail : {email}.\n\nRéponse de {first} :\nJe vous "
        "recommande {fullname}, qui a gardé mes deux garçons de {year} à {year}. Son "
        "numéro : {phone}."
    ),
    "pv-assemblee": (
        "Procès-verbal de l'assemblée générale du {date}\n\nL'assemblée générale de "
        "l'association {company} s'est tenue à {time}, {addr}, sous la présidence de "
        "{fullname}. {n} adhérents étaient présents ou représentés.\n\n1. Rapport moral : "
        "le président rappelle les {n} animations organisées en {year}.\n2. Rapport "
        "financier : {mr}, trésorier(e), présente un solde positif de {price}. Les comptes "
        "sont approuvés à l'unanimité.\n3. Élection du bureau : sont élus {name} "
        "(présidence), {name} (trésorerie) et {name} (secrétariat).\n\nContact du "
        "nouveau bureau : {remail}, {phone}. Cotisations par virement : {iban}."
    ),
}

FR_NEUTRAL = {
    "cgv": (
        "Conditions générales de vente – extrait\nArticle 1 – Objet. Les présentes "
        "conditions s'appliquent à toute commande passée auprès de {company} (SIRET "
        "{siret}).\nArticle 4 – Prix. Les prix sont indiqués en euros TTC ; les frais "
        "de port s'élèvent à {price} pour toute commande inférieure à {price}.\nArticle 7 "
        "– Rétractation. Conformément à l'article L. 221-18 du Code de la consommation, "
        "vous disposez de 14 jours pour exercer votre droit de rétractation.\nArticle 9 – "
        "Garantie. Les produits bénéficient de la garantie légale de conformité (articles "
        "L. 217-3 et suivants). Version {version} du {date}."
    ),
    "promo": (
        "Promo de la semaine : [cafetière à piston|sac à dos 30 L|perceuse sans fil] à "
        "{price} seulement (-{pct} sur le prix habituel). Offre valable jusqu'au {date}, dans la "
        "limite des stocks disponibles. Réf. {ref}."
    ),
    "confirmation-commande": (
        "Commande n° {order} confirmée le {date} à {time}. Montant total : {price} TTC. "
        "Livraison estimée sous 3 à 5 jours ouvrés en point relais ({cpcity}). Votre "
        "carte se terminant par {masked} a été débitée."
    ),
    "societe": (
        "{company}, SAS au capital de {bigprice}, RCS {city} {siren}, SIRET {siret}, "
        "TVA intracommunautaire {tva}. Code APE 56.10A. Médiateur de la consommation : "
        "voir nos conditions générales de vente, article {n}."
    ),
    "resultat-sport": (
        "Victoire {score} du club de {city} face à {city} samedi ! Prochain match le "
        "{date} à {time} au stade municipal. Billets : {price}, gratuit pour les moins "
        "de [12|16|18] ans."
    ),
    "mediatheque": (
        "Nouveauté en rayon : « [Le Silence des marais|Une saison au phare|Les Cartes du "
        "ciel] », ISBN {isbn}, {n}0 pages, {price}. Disponible à la médiathèque de "
        "{city} à partir du {date}."
    ),
    "note-version": (
        "Version {version} publiée le {date} : correction de {n} bogues, compatibilité "
        "avec Windows {build}, performances améliorées de {pct}. Mise à jour "
        "recommandée ; la {version} ne sera plus maintenue après {year}."
    ),
    "juridique": (
        "Conformément à l'article L. 1234-{n} du Code du travail et à l'article 9 du Code "
        "civil, le salarié dispose d'un délai de {n} jours à compter du {date} pour "
        "contester la décision (Cass. soc., {date}, n° 22-{n}.{n}0)."
    ),
    "voyage": (
        "Florence, Rome ou Venise ? Cet été, {pct} des voyageurs partent en Italie. "
        "Séjour de 7 nuits à partir de {price} par personne, départ de {city} le {date}."
        "\nPrudence : les prix augmentent de {pct} après le {date}."
    ),
    "numeros-utiles": (
        "Numéros utiles : SAMU 15, pompiers 18, police 17, urgences européennes 112, "
        "Allô Service Public 39 39, pharmacie de garde 32 37. Mairie de {city} : ouverte "
        "de 8h30 à {time}, fermée le samedi."
    ),
    "annonce-immo": (
        "Maison 5 pièces, 120 m², terrain de {n}0 m², {cpcity}. DPE classe C. Prix : "
        "{bigprice} FAI. Réf. annonce {ref}. Honoraires {pct} TTC à la charge de "
        "l'acquéreur."
    ),
    "facture": (
        "Facture {invoice} du {date}\nTotal HT : {price}\nTVA 20 % : {price}\nTotal TTC : "
        "{price}\nÉchéance : {date}. Pénalités de retard : trois fois le taux d'intérêt "
        "légal (article L. 441-10 du Code de commerce)."
    ),
    "ordre-du-jour": (
        "Ordre du jour du conseil communautaire du {date} :\n1. Budget primitif {year} "
        "({bigprice}).\n2. Tarifs de la piscine : {price} l'entrée.\n3. Travaux de voirie "
        "dans le centre-bourg ({price}).\n4. Questions diverses."
    ),
    "forum-tech-neutre": (
        "J'ai mis à jour vers la {version} et depuis le port 8080 ne répond plus. Le "
        "ping vers 127.0.0.1 passe, code erreur 0x80070005. Windows {build}, 16 Go de "
        "RAM. Une idée ?"
    ),
    "info-trafic": (
        "Le TER {n}512 au départ de {city} à {time} est supprimé ce {date}. Les voyageurs "
        "sont invités à emprunter le car de substitution (ligne {n}). Information au "
        "36 35."
    ),
    "jardin": (
        "Rose trémière, lavande et sauge : nos conseils pour un jardin sec. Semez entre "
        "mars et mai, à {n} mm de profondeur, et arrosez deux fois par semaine. Aurore et "
        "crépuscule sont les meilleurs moments pour arroser."
    ),
    "statistiques": (
        "Selon l'Insee, le taux de chômage s'établit à {pct} au troisième trimestre "
        "{year}, soit {n}0 000 demandeurs de moins qu'en {year}. En Bretagne, il atteint "
        "{pct}, contre {pct} dans les Hauts-de-France."
    ),
    "gps-acces": (
        "Accès au parking : coordonnées GPS 45.7640, 4.8357. Code du portail : 4827#. "
        "Wi-Fi « Invités », mot de passe affiché à l'accueil. Code postal "
        "pour le GPS : {cpcity}."
    ),
}

EN_PII = {
    "forum-intro": (
        "[Hi all|Hello everyone|Hey folks], I'm {fullname} and I'm looking for "
        "[a flatmate from September|a second-hand road bike|a guitar teacher for my son] "
        "in {city}. You can reach me on {phone} or drop me a line at {email}. "
        "[Cheers|Thanks in advance|Many thanks],\n{sig}"
    ),
    "classified": (
        "For sale: [electric bike|3-seater sofa|double buggy|solid oak table|washing "
        "machine], [excellent condition|barely used|like new], {amount} ono. Collection "
        "from {addr}. Call {name} on {phone} after {time}."
    ),
    "contact-page": (
        "Contact us\n{company}\n{addr}\nTel: {phone}\nEmail: {remail}\nOffice manager: "
        "{name} ({email})\nOpen Monday to Friday, 9am to {time}."
    ),
    "newsletter": (
        "Residents' Association – {month} newsletter\nDear members, our AGM will be held "
        "on {date} at {time} in the village hall. Please RSVP to our secretary, {mr}, on "
        "{phone} or at {email}.\nMembership fees ({price}) can be paid by bank transfer: "
        "IBAN {iban}, reference your surname.\n{fullname}, Chair"
    ),
    "complaint-card": (
        "Hi, I placed order {order} on {date} and my card {card} was charged twice "
        "({price} each time). I'd like a refund as soon as possible.\nMy details: "
        "{name}, {addr}, phone {phone}.\nRegards"
    ),
    "transfer-details": (
        "To pay invoice {invoice}, please make a transfer to:\nAccount name: {name}\n"
        "IBAN: {iban}\nBIC: {bic}\nAmount: {price}. [Any questions|If anything is "
        "unclear], email {email} or call {phone}."
    ),
    "job-ad": (
        "Job vacancy – [Office Administrator|Baker|Python Developer|Care Assistant], "
        "full time, {city}\n{company} is hiring! Salary {bigprice} per annum. Send your CV "
        "and cover letter to {mr}, HR Manager, at {email} or {remail}. Informal "
        "enquiries: {phone}."
    ),
    "privacy-notice": (
        "Privacy notice\nThis website is operated by {company}, registered in England "
        "and Wales (company no. {compno}), VAT reg. {vat}. Registered office: {addr}.\n"
        "Our Data Protection Officer is {fullname}; you can contact them at {email} or "
        "on {phone}."
    ),
    "council-minutes": (
        "Minutes of the Parish Council meeting held on {date}\nPresent: Cllr {last}, "
        "Cllr {last}, {name}, {fullname}. Apologies: {mr}.\nIn attendance: {name} "
        "(Clerk).\n1. Planning application 24/0{n}11/FUL at {addr}: no objection.\n"
        "2. Allotment rents to rise to {price} from {date}."
    ),
    "obituary": (
        "{fullname_f}[ (née {last})|] passed away peacefully on {date}, aged {age}. The "
        "funeral will take place at St {saint} Church, {city}, on {date} at {time}. "
        "[Family flowers only.|Donations to the hospice in lieu of flowers.] "
        "Enquiries to {name}, {phone}."
    ),
    "engagement": (
        "{fullname} and {fullname} are delighted to announce their wedding on {date} at "
        "{city} Register Office. Please RSVP to {first} at {email} by {date}, or call "
        "{phone}."
    ),
    "school-news": (
        "[Oakfield Primary|St Anne's C of E Primary|Hillcrest Academy] – Parent update\n"
        "The museum trip is on {date}. Please return signed consent forms to {mr} "
        "(Year 4) by Friday. For lunch queries, contact {fullname} on {phone}. "
        "Reminder: the school fund ({price}) can be paid by bank transfer (IBAN {iban})."
    ),
    "comment-ip": (
        "Comment by {first} – {date} at {time} (IP: {ip})\n[Great write-up, thanks for "
        "sharing!|I disagree with the conclusion; the {year} figures say otherwise.|Has "
        "anyone tried version {version}? It keeps crashing for me.]"
    ),
    "tech-forum": (
        "[My IP|My server's address] {ip} has been blocked by the firewall since "
        "yesterday, even though I'm running {version}. The logs also show attempts from "
        "{ip} and {ip} on port 22. Any ideas? – {sig}"
    ),
    "security-alert": (
        "Hello {mr},\nWe noticed an unusual sign-in to your account from {ip} on {date} "
        "at {time}. If this wasn't you, change your password and call us on {phone}.\n"
        "The {company} security team"
    ),
    "w2-request": (
        "W-2 reissue request\nEmployee name: {name}\nSSN: {ssn}\nMailing address: {addr}"
        "\nPlease email the corrected form to {email}. Thank you!"
    ),
    "tax-forum": (
        "My e-file got rejected because the IRS says my SSN ({ssn}) doesn't match my "
        "name, {fullname}. My wife's SSN is {ssn} and hers went through fine. Anyone "
        "had this? Calling 1-800 numbers gets me nowhere."
    ),
    "ni-forum": (
        "Started a new job in {month} and my payslip shows NI number {nino}, but mine "
        "is {nino}! HR ({remail}) haven't replied in two weeks. Do I contact HMRC "
        "directly? – {first}, {city}"
    ),
    "gp-letter": (
        "Patient: {name}\nNHS number: {nhs}\nDOB: {dob}\nAddress: {addr}\n"
        "Dear colleague, thank you for seeing this patient. Please contact the surgery "
        "on {phone} with any questions.\nDr {last}"
    ),
    "nhs-forum": (
        "How do I register with a GP after moving? The receptionist asked for my NHS "
        "number, which is {nhs} according to the app, but they couldn't find me. I'm "
        "{fullname}, {age} years old, just moved to {city}."
    ),
    "employee-form": (
        "New starter form\nSurname: {lastcaps}\nFirst name: {sig}\nNational Insurance "
        "no.: {nino}\nAddress: {addr}\nMobile: {phone}\nEmail: {email}\nBank (IBAN): "
        "{iban}"
    ),
    "onboarding": (
        "Onboarding checklist for {name}: SSN {ssn} verified, direct deposit set up, "
        "home address {addr}, emergency contact {name} ({phone}). Laptop ref {ref} "
        "issued on {date}."
    ),
    "scam-warning": (
        "Scam alert! A fake delivery site asked for my card ({card}) to pay {price} in "
        "customs fees. I cancelled the card straight away. If you get a text from "
        "{phone}, don't click the link. {first}, {city}"
    ),
    "booking": (
        "Booking confirmation {order}\nGuest: {name}\nArrival: {date} ([2|3|5|7] nights)"
        "\nCard on file: {card} (exp. {exp})\nBilling address: {addr}\nTo change your "
        "booking: {remail} or {phone}."
    ),
    "bake-sale": (
        "Bake sale on {date} in {city}!\nTo book a table, contact {fullname} ({phone}) or "
        "{first} on {phone}. Tables are {price}. Find us at {addr} from {time}."
    ),
    "to-let": (
        "Two-bed flat to let, {addr}, {amount} pcm including bills. Viewings on {date} by "
        "appointment. Landlord: {mr} – {phone} – no agencies please."
    ),
    "lost-dog": (
        "Lost: black Labrador near {addr} on {date}. He answers to Biscuit. If you see "
        "him, please call {first} on {phone} or {phone}. Reward offered!"
    ),
    "club-contacts": (
        "Club contacts for the {year} season:\n- Chair: {name} – {phone}\n- Treasurer: "
        "{name} – {email}\n- Coach: {name} – {phone}\n- Membership: {remail}\n"
        "Clubhouse: {addr}"
    ),
    "support-ticket": (
        "Ticket #{ticket} – Payment declined\nHi, my payment of {price} keeps being "
        "declined with card {card}, although there are funds. I'm connecting from {ip}. "
        "The account is in the name of {name}, email {email}. Thanks for checking!"
    ),
    "new-practice": (
        "Dr {last} is pleased to announce the opening of a new practice at {addr}. "
        "Appointments on {phone}. [Practice manager: {fullname}.|In an emergency, "
        "call 999.]"
    ),
    "claim-form": (
        "Claim form – section A\nFull name: {name}\nNI number: {nino}\nNHS number: {nhs}"
        "\nDate of birth: {dob}\nTelephone: {phone}\nSignature received on {date}."
    ),
    "login-history": (
        "Recent sign-ins – account {email}\n{date} {time} – {ip} – Firefox – {city}\n"
        "{date} {time} – {ip} – Chrome {version}\n{date} {time} – {ip} – mobile app\n"
        "Don't recognise one? Call support on {phone}."
    ),
    "tradesman": (
        "For anyone looking for a good plumber in {city}: {name}, {addr}. Redid our "
        "bathroom for {price}, spotless work. Number: {phone}."
    ),
    "donation": (
        "Thank you for your gift of {price}!\nReceipt {order} issued to {name}, {addr}. "
        "Paid by card {card} on {date}. Gift Aid adds {pct}. Questions? {remail}"
    ),
}

EN_PII |= {
    "forum-thread": (
        "Thread: Childminder needed in {city}\n\nPosted by {first}:\nHi all, we're "
        "looking for a registered childminder for our 18-month-old from {date}, four days "
        "a week (around {price} a month). We live at {addr}. Text me on {phone}.\n\n"
        "Reply from {first}:\nHi, I've been childminding for {n} years (URN EY{ticket}) "
        "and have a space from September. Email me at {email}.\n\nReply from {first}:\n"
        "I'd recommend {fullname} – she looked after both my boys from {year} to {year}. "
        "Her number is {phone}."
    ),
    "agm-minutes": (
        "Minutes of the Annual General Meeting, {date}\n\nThe AGM of {company} was held "
        "at {time} at {addr}, chaired by {fullname}. {n} members attended.\n\n1. Chair's "
        "report: {n} events were held in {year}.\n2. Treasurer's report: {mr} presented "
        "a surplus of {price}; the accounts were approved unanimously.\n3. Election of "
        "officers: {name} (Chair), {name} (Treasurer) and {name} (Secretary) were "
        "elected.\n\nContact the new committee at {remail} or on {phone}. Subscriptions "
        "by bank transfer to IBAN {iban}."
    ),
}

EN_NEUTRAL = {
    "terms": (
        "Terms and conditions – extract\n1. These terms apply to all orders placed with "
        "{company} (company no. {compno}).\n4. Prices. All prices include VAT; delivery "
        "costs {price} on orders under {price}.\n7. Cancellation. Under the Consumer "
        "Contracts Regulations 2013 you have 14 days to cancel your order.\n9. Faulty "
        "goods. Your statutory rights under the Consumer Rights Act 2015 are not "
        "affected.\nVersion {version}, last updated {date}."
    ),
    "mark-calendar": (
        "Mark your calendars: the [summer fête|craft fair|charity fun run] returns on "
        "{date}! Tickets are {price} for adults, free for under-[5|12|16]s. Gates open at "
        "{time} and parking costs {price}."
    ),
    "order-confirmation": (
        "Order {order} confirmed on {date} at {time}. Total: {price} incl. VAT. "
        "Estimated delivery in 3–5 working days to your pickup point in {cpcity}. "
        "The card ending {masked} has been charged."
    ),
    "company-info": (
        "{company} is registered in England and Wales (company no. {compno}), VAT reg. "
        "{vat}. Prices include VAT at 20%. See clause {n} of our terms and conditions."
    ),
    "grace-period": (
        "Grace period: payments received within {n} days of {date} will not incur the "
        "{price} late fee. Interest accrues at {pct} a year thereafter (see section "
        "{n}(2) of the agreement)."
    ),
    "match-report": (
        "Will {city} hold on? After the {score} win on Saturday they sit {n} points "
        "clear. Next fixture: {date} at {time}, tickets from {price}."
    ),
    "hope-budget": (
        "Hope is not a strategy: our {year} budget sets aside {bigprice} for repairs and "
        "{pct} for contingencies. The full report (ref {ref}) is on page {n}."
    ),
    "library": (
        'New on the shelves: "[The Silent Marsh|A Season at the Lighthouse|Maps of the '
        'Sky]", ISBN {isbn}, {n}0 pages, {price}. Available at {city} Central Library '
        "from {date}."
    ),
    "release-notes": (
        "Release {version} ({date}): fixes {n} bugs, adds support for Windows {build}, "
        "and improves startup time by {pct}. Version {version} reaches end of life in "
        "{year}."
    ),
    "legal": (
        "Under section {n} of the Data Protection Act 2018 and Article 6(1)(f) UK GDPR, "
        "you may object within {n} days of {date}. See also s. 3(2) of the Consumer "
        "Rights Act 2015."
    ),
    "emergency-numbers": (
        "Useful numbers: emergencies 999 or 112, police non-emergency 101, NHS advice "
        "111, Samaritans 116 123. The council office "
        "is open 9am–{time} on weekdays."
    ),
    "property": (
        "Three-bed semi, {cpcity}, guide price {bigprice}. EPC rating C, council tax band "
        "D. Ref {ref}. Viewing strictly by appointment through the agent."
    ),
    "invoice": (
        "Invoice {invoice} dated {date}\nSubtotal: {price}\nVAT (20%): {price}\nTotal: "
        "{price}\nPayment due by {date}. Late payments accrue interest at {pct} per "
        "annum."
    ),
    "tech-neutral": (
        "Updated to {version} and now port 8080 won't respond. Pinging 127.0.0.1 works, "
        "error code 0x80070005. Windows {build}, 16 GB RAM. Any ideas?"
    ),
    "rail": (
        "The {time} service from {city} to {city} is cancelled on {date}. Replacement "
        "buses run every {n} minutes. Refunds: quote reference {ref}."
    ),
    "travel": (
        "Florence in spring: [5|7|10] nights from {price} per person, departing {city} on "
        "{date}. Rose gardens, the Uffizi and a day trip to Siena included. Prices rise "
        "{pct} after {date}."
    ),
    "statistics": (
        "Unemployment fell to {pct} in Q3 {year}, {n},000 fewer than a year earlier. "
        "In the North East it stands at {pct}, compared with {pct} in the South West."
    ),
    "parcel": (
        "Your parcel with tracking number {order} is out for delivery on {date} between "
        "{time} and {time}. Depot code {n}-{n}; call-back reference {ticket}."
    ),
}

TEMPLATES = {"fr": (FR_PII, FR_NEUTRAL), "en": (EN_PII, EN_NEUTRAL)}
# English templates tied to one country (phones, addresses, currency follow it).
REGION = dict.fromkeys(["w2-request", "tax-forum", "onboarding"], "us")
REGION |= dict.fromkeys(
    ["ni-forum", "gp-letter", "nhs-forum", "employee-form", "claim-form", "privacy-notice",
     "council-minutes", "property", "emergency-numbers", "company-info", "legal", "terms"],
    "uk",
)  # fmt: skip


# --- Build and check ------------------------------------------------------------------
def build(lang: str, n: int = N_TEXTS) -> list[dict[str, object]]:
    """Render ``n`` texts: every template used about equally often, in shuffled order."""
    rng = random.Random(f"{SEED}-{lang}")
    gen, (pii, neutral) = Gen(lang, rng), TEMPLATES[lang]
    n_neutral = round(n * NEUTRAL_SHARE)
    keys = [list(pii)[i % len(pii)] for i in range(n - n_neutral)]
    keys += [list(neutral)[i % len(neutral)] for i in range(n_neutral)]
    rng.shuffle(keys)
    records = []
    seen: set[str] = set()
    for i, key in enumerate(keys):
        text = ""
        while not text or text in seen:  # re-draw the rare exact duplicate
            text, spans = gen.render(pii.get(key) or neutral[key], REGION.get(key, ""))
        seen.add(text)
        records.append(
            {"id": f"pii-web-{lang}-{i:04d}-{key}", "text": text, "spans": spans,
             "lang": lang, "source": SOURCE}
        )  # fmt: skip
    return records


VALIDATORS = {
    "IBAN_CODE": iban_ok,
    "CREDIT_CARD": lambda s: (
        bool(re.fullmatch(r"\d[\d -]{12,20}\d", s)) and luhn_ok(re.sub(r"\D", "", s))
    ),
    "FR_NIR": nir_ok,
    "UK_NHS": nhs_ok,
    "US_SSN": ssn_ok,
    "UK_NINO": nino_ok,
    "EMAIL_ADDRESS": lambda s: re.search(r"@|\[at\]|\(at\)", s) is not None,
    "PHONE_NUMBER": lambda s: 9 <= len(re.sub(r"\D", "", s)) <= 13,
    "IP_ADDRESS": lambda s: re.fullmatch(r"[\d.]{7,15}|[0-9a-f:]{6,39}", s) is not None,
    "PERSON": lambda s: s[:1].isalpha() and "@" not in s,
    "STREET_ADDRESS": lambda s: re.search(r"\d", s) is not None,
}


def check_record(rec: dict) -> list[str]:
    """Problems with one record: bounds, overlaps, labels, values, unlabelled leaks."""
    rid, text, spans = rec["id"], rec["text"], rec["spans"]
    problems = [] if 80 <= len(text) <= 800 else [f"{rid}: length {len(text)}"]
    covered = [False] * len(text)
    for sp in sorted(spans, key=lambda sp: sp["start"]):
        start, end, label = sp["start"], sp["end"], sp["label"]
        value = text[start:end]
        if not 0 <= start < end <= len(text) or any(covered[start:end]):
            problems.append(f"{rid}: span {start}-{end} out of bounds or overlapping")
        covered[start:end] = [True] * (end - start)
        if label not in LABELS[rec["lang"]].split():
            problems.append(f"{rid}: label {label} not in the {rec['lang']} set")
        elif value != value.strip() or not VALIDATORS[label](value):
            problems.append(f"{rid}: invalid {label} {value!r}")
        if text[start - 1 : start].isalnum() or text[end : end + 1].isalnum():
            problems.append(f"{rid}: {label} {value!r} cuts a word")
    # Nothing that is plainly an e-mail address or an IBAN may be left unlabelled.
    for m in re.finditer(
        r"@|\b[A-Z]{2}\d{2} ?[A-Z0-9]{4}(?: ?[A-Z0-9]{1,4}){2,7}\b", text
    ):
        if not covered[m.start()] and (m[0] == "@" or iban_ok(m[0])):
            problems.append(f"{rid}: unlabelled {m[0]!r}")
    return problems


def check(paths: list[Path]) -> list[str]:
    """Re-read the JSONL files, print per-label counts, return a list of problems."""
    problems: list[str] = []
    for path in paths:
        records = [
            json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
        ]
        ids = Counter(rec["id"] for rec in records)
        problems += [f"{rid}: duplicate id" for rid, n in ids.items() if n > 1]
        counts = Counter(sp["label"] for rec in records for sp in rec["spans"])
        for rec in records:
            problems += check_record(rec)
        neutral = sum(not rec["spans"] for rec in records)
        print(f"{path.name}: {len(records)} texts, {neutral} without spans")
        for label in LABELS[records[0]["lang"]].split():
            print(f"  {label:<15} {counts[label]:>4}")
            if counts[label] < MINIMUM[label]:
                problems.append(f"{path.name}: only {counts[label]} {label}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only check existing files"
    )
    args = parser.parse_args()
    paths = [OUT / f"pii_web_{lang}.jsonl" for lang in TEMPLATES]
    if not args.check:
        OUT.mkdir(parents=True, exist_ok=True)
        for lang, path in zip(TEMPLATES, paths):
            with path.open("w", encoding="utf-8") as f:
                for rec in build(lang):
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    problems = check(paths)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
