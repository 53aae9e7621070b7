"""Special-category disclosures: a person's health, faith, vote, union, origin, genes, biometrics, record, child."""

from __future__ import annotations

import pytest

from filters.sensitive import CATEGORIES, Finding, check_document, find, redact

# These tests pin the lexicon rules alone; tests/filters/test_sensitive_model.py covers the trained model on top.
RULES = None

# (category, text): each text discloses that category about an identifiable person.
DISCLOSURES = [
    ("health", "I was diagnosed with bipolar disorder last spring."),
    ("health", "Je suis séropositif depuis 2019."),
    ("health", "my son has autism and starts a new school in September"),
    ("health", "Ma collègue Julie est enceinte et en arrêt pour dépression."),
    ("health", "My wife has been on antidepressants since her miscarriage."),
    ("health", "Mon père est atteint de la maladie de Parkinson depuis cinq ans."),
    ("health", "She told us that Karen Lewis is undergoing chemotherapy for breast cancer."),
    ("health", "J'ai fait une fausse couche en mars et je suis sous antidépresseurs."),
    ("health", "After the accident, my brother was hospitalised in a psychiatric ward."),
    ("health", "Notre voisin Marc souffre d'alcoolisme et d'une dépression sévère."),
    ("sexual_orientation", "I'm gay and my parents don't know."),
    ("sexual_orientation", "Je suis lesbienne et ma famille l'a appris l'an dernier."),
    ("sexual_orientation", "My cousin Tom came out as bisexual at Christmas."),
    ("sexual_orientation", "Mon frère est homosexuel mais personne au travail ne le sait."),
    ("sexual_orientation", "Our neighbour Alex is transgender and started hormones last year."),
    ("sexual_orientation", "Sophie Laurent a fait son coming out auprès de ses collègues en 2021."),
    ("sexual_orientation", "I identify as asexual, which my friends find hard to understand."),
    ("sexual_orientation", "Ma fille est trans et se fait appeler Noé depuis septembre."),
    ("religion", "Our neighbour Karim converted to Islam last year."),
    ("religion", "Je suis musulmane pratiquante et je porte le voile au travail."),
    ("religion", "My boss is a devout Catholic and goes to mass every Sunday."),
    ("religion", "Paul Girard s'est converti au bouddhisme après son divorce."),
    ("religion", "I'm an atheist but my husband is Jewish."),
    ("religion", "Ma belle-sœur fait le ramadan chaque année depuis sa conversion."),
    ("religion", "My daughter was baptised in the Orthodox church last month."),
    ("religion", "Mon collègue David est juif pratiquant et ne travaille pas le samedi."),
    ("politics", "Paul votes Rassemblement national and is a party member."),
    ("politics", "Je suis adhérente de La France insoumise depuis 2017."),
    ("politics", "My uncle is a card-carrying Republican who canvassed for Trump."),
    ("politics", "Ma voisine Claire milite au Parti socialiste et distribue des tracts."),
    ("politics", "I voted Labour at the last election, unlike my parents."),
    ("politics", "Mon beau-père vote RN depuis toujours."),
    ("politics", "Sarah Cohen, 34, is a member of the Green Party and volunteers for its campaigns."),
    ("politics", "J'ai voté pour Mélenchon au premier tour."),
    ("union", "Mme Martin, déléguée CGT du site, a été convoquée."),
    ("union", "I'm a Unite shop steward at the depot."),
    ("union", "Mon mari est syndiqué à la CFDT depuis vingt ans."),
    ("union", "My colleague Priya joined the union after the layoffs."),
    ("union", "Jean Dubois est délégué syndical FO chez Renault Flins."),
    ("union", "I am a union rep for Unison at the hospital."),
    ("union", "Ma sœur est représentante du personnel et adhérente de SUD."),
    ("union", "Kevin Moore, 52, is a member of the Teamsters local in Ohio."),
    ("ethnic_origin", "Je suis d'origine algérienne par mon père."),
    ("ethnic_origin", "As a Black woman in tech, I am often the only one in the room."),
    ("ethnic_origin", "My grandmother is Roma and grew up in a camp near Lyon."),
    ("ethnic_origin", "Notre locataire, Mme Diallo, est d'origine sénégalaise."),
    ("ethnic_origin", "I'm mixed-race and my classmates kept asking where I am really from."),
    ("ethnic_origin", "Ma copine est kabyle et parle berbère avec sa grand-mère."),
    ("ethnic_origin", "My friend Omar is of Moroccan descent."),
    ("ethnic_origin", "Ahmed Benali, 28 ans, issu de l'immigration maghrébine, cherche un logement."),
    ("genetic", "My 23andMe results show I carry the BRCA1 mutation."),
    ("genetic", "J'ai fait un test ADN et je suis porteuse de la mutation BRCA2."),
    ("genetic", "My sister tested positive for the Huntington's gene."),
    ("genetic", "Mon cousin a reçu son profil génétique : il est porteur d'une mutation."),
    ("genetic", "I took an AncestryDNA test and found a half-brother."),
    ("genetic", "Marie Lefèvre a fait séquencer son génome pour une prédisposition génétique."),
    ("genetic", "His DNA test results revealed a cystic fibrosis carrier status, John told me."),
    ("genetic", "Le test de paternité de mon fils est revenu négatif."),
    ("biometric", "J'ai enregistré mes empreintes digitales à la mairie pour mon passeport."),
    ("biometric", "I registered my fingerprints and face with the gym's entry system."),
    ("biometric", "My employer scanned my iris for the new time clock."),
    ("biometric", "Mon fils a donné ses empreintes pour le badge de la cantine."),
    ("biometric", "Thomas Roux uploaded his voiceprint to the bank's authentication service."),
    ("biometric", "La police a relevé mes empreintes et pris ma photo."),
    ("biometric", "I set up my Face ID and my fingerprints on the new phone my boss gave me."),
    ("biometric", "Ma mère a fourni ses données biométriques à l'aéroport."),
    ("criminal", "John Smith, 41, was convicted of fraud in 2019."),
    ("criminal", "Il a fait 3 ans de prison pour trafic."),
    ("criminal", "My brother was arrested for drunk driving last weekend."),
    ("criminal", "Notre voisin Michel a été condamné à deux ans avec sursis."),
    ("criminal", "I have a criminal record for shoplifting when I was 19."),
    ("criminal", "M. Durand a été mis en examen pour abus de biens sociaux."),
    ("criminal", "Mon ex est sous contrôle judiciaire et porte un bracelet électronique."),
    ("criminal", "Dave Jones, 33, of Leeds, was jailed for 18 months for burglary."),
    ("minors", "Léa Durand, 9 ans, élève de CM1 à l'école Jules-Ferry."),
    ("minors", "Tom Baker, 7, is in year 2 at St Mary's Primary School."),
    ("minors", "Mon fils Hugo, 12 ans, est en 5e au collège Pasteur."),
    ("minors", "Emma Roussel, 15 ans, habite rue des Lilas à Nantes."),
    ("minors", "My daughter Chloe, 10, goes to Oakwood Primary School on Mill Road."),
    ("minors", "Lucas Petit, 8 ans, scolarisé en CE2 à Lille, a disparu hier."),
    ("minors", "Our son Ben, 6, is in kindergarten at Lincoln Elementary School."),
    ("minors", "Inès, 11 ans, élève en CM2 à l'école Victor-Hugo de Bordeaux."),
]

# Constructions added after scoring the dev half of bench/data/sensitive_eval.jsonl (odd ids), written anew.
DISCLOSURES += [
    ("health", "Local grocer Anna Webb, 58, is in hospital after suffering a heart attack on Sunday."),
    ("health", "Our caretaker Tim has been off for weeks with burnout."),
    ("health", "We wish our secretary Linda Shaw well after her knee replacement on Friday."),
    ("health", "Le facteur du village, Bernard Giraud, 61 ans, se remet d'un AVC."),
    ("health", "Mon voisin est en arrêt depuis mars pour une grosse dépression."),
    ("sexual_orientation", "I'm a 35-year-old gay man and my family still doesn't know."),
    ("sexual_orientation", "My wife and I are in an open relationship, ask me anything."),
    ("sexual_orientation", "Lesbienne de 45 ans, je vis à Lyon avec ma compagne."),
    ("sexual_orientation", "Avec ma copine on est en couple libre depuis un an."),
    ("religion", "Got baptised last Sunday at St Mark's, best day of my life!"),
    ("religion", "Watch out, my cousin Steve has become a born-again Christian and preaches at dinner."),
    ("politics", "Proud to have voted Labour for the first time today."),
    ("politics", "My brother-in-law gives £10 a month to Reform UK."),
    ("politics", "Mon beau-frère Julien est un mélenchoniste convaincu."),
    ("politics", "Congratulations to Ruth Ellis, elected treasurer of her local Labour branch."),
    ("politics", "Bravo à Karima Haddad, élue trésorière de la section PS de Roubaix."),
    ("union", "I joined Unison last week after the pay offer."),
    ("union", "Nurse Amy Ford, 31, branch secretary of the RCN at the city hospital, backed the strike."),
    ("union", "Julie Marchand vient de prendre sa carte à la CGT."),
    ("union", "Je vais quitter FO, ça fait dix ans que je cotise."),
    ("union", "Mme Leroy, déléguée CFDT de l'usine, a rencontré les salariés lundi."),
    ("ethnic_origin", "En tant que femme arabe dans la finance, je me sens souvent seule."),
    ("ethnic_origin", "The family who moved into number 7 are Roma, apparently."),
    ("genetic", "My daughter and I are carriers of a BRCA2 mutation."),
    ("genetic", "Tom's boy was tested and has Duchenne."),
    ("genetic", "Ma sœur est porteuse saine d'une mutation de la drépanocytose."),
    ("biometric", "The gym insisted on scanning my right thumb to open the lockers."),
    ("biometric", "L'école a relevé l'empreinte palmaire de mon fils pour la cantine."),
    ("criminal", "Our former caretaker, Ian Moss, is serving six years for burglary."),
    ("criminal", "Got a police caution at 17 for criminal damage, will it show up?"),
    ("criminal", "Le voisin du 5, Kevin Roux, a été arrêté la semaine dernière pour trafic."),
    ("criminal", "Notre ancien maire adjoint, Paul Ferrand, purge trois ans pour corruption."),
    ("minors", "Here's Ella Brown (7) at Oakfield Primary on sports day!"),
    ("minors", "Our twins Adam and Zoe Hill turned 4 today!"),
    ("minors", "Notre fille Inès (9 ans) a été punie à l'école Jean-Moulin."),
]

# Topical texts: the categories' words, no identifiable person's data.
TOPICAL = [
    "HIV is a retrovirus that attacks CD4 cells. Without treatment, infection progresses to AIDS.",
    "Consult a doctor if symptoms persist for more than three days.",
    "People with diabetes should check their blood sugar regularly.",
    "La dépression touche environ une personne sur cinq au cours de sa vie.",
    "Si vous êtes enceinte, évitez l'alcool et consultez votre sage-femme.",
    "Patients diagnosed with cancer are offered a multidisciplinary review.",
    "Gay marriage was legalised in France in 2013.",
    "The LGBT community campaigned for equal rights throughout the 1990s.",
    "Les personnes homosexuelles ont longtemps été discriminées au travail.",
    "Bisexual people are often invisible in surveys on sexuality.",
    "Islam is a monotheistic religion founded in the 7th century.",
    "Le catholicisme reste la première religion de France.",
    "Constantine converted to Christianity in 312 according to tradition.",
    "Ramadan is the ninth month of the Islamic calendar.",
    "The Labour Party's manifesto promises to nationalise the railways.",
    "Le Rassemblement national a présenté son programme économique jeudi.",
    "Marine Le Pen, présidente du groupe RN à l'Assemblée, a défendu la réforme.",
    "Keir Starmer, leader of the Labour Party, visited the factory.",
    "Union membership in France is around 10 percent, the CGT and the CFDT being the largest.",
    "Les délégués syndicaux bénéficient d'heures de délégation.",
    "Sophie Binet, secrétaire générale de la CGT, a appelé à la grève.",
    "A shop steward is a worker elected to represent colleagues.",
    "The census asks respondents about their ethnic origin.",
    "Les statistiques ethniques sont interdites en France.",
    "Roma people have faced discrimination across Europe for centuries.",
    "Many Americans are of Irish descent, a legacy of the famine.",
    "DNA sequencing determines the order of nucleotides in a genome.",
    "23andMe is a company that sells direct-to-consumer genetic tests.",
    "Les tests ADN récréatifs sont interdits en France.",
    "BRCA1 mutations raise the lifetime risk of breast cancer.",
    "Fingerprints have been used to identify criminals since the 19th century.",
    "Face ID uses a depth camera to map the user's face.",
    "La reconnaissance faciale dans l'espace public inquiète la CNIL.",
    "Biometric passports store a photo of the holder on a chip.",
    "A criminal court tries offences punishable by more than ten years in prison.",
    "Si le prévenu est condamné, il peut faire appel dans un délai de dix jours.",
    "If you are arrested, you have the right to remain silent.",
    "In 1894, Alfred Dreyfus was convicted of treason and deported.",
    "Children aged 6 to 8 attend CP and CE1 in French primary schools.",
    "Help your child prepare for the first day of school with a calm routine.",
    "Les élèves de CM2 passent une évaluation nationale en septembre.",
    "A 10-year-old needs about ten hours of sleep a night.",
    "The minister of health, Jean Dupont, announced a new vaccination campaign.",
    "In my experience, children diagnosed with autism benefit from early support.",
    "I am a nurse and I often see patients who suffer from diabetes.",
    "Je suis médecin généraliste et je reçois beaucoup de personnes atteintes de diabète.",
    "J'ai rencontré des électeurs du RN à Hénin-Beaumont pour ce reportage.",
]

# Topical and neutral texts that use the newer constructions without anyone's data.
TOPICAL += [
    "Recovery after a hip replacement takes about six weeks.",
    "Carriers of the sickle cell trait usually have no symptoms.",
    "Les porteurs sains de la mutation ne développent pas la maladie.",
    "The treasurer of the local Labour branch is elected every two years.",
    "Quitter la CGT est simple : il suffit d'écrire au syndicat.",
    "Les grévistes sont restés sur le piquet de grève toute la nuit.",
    "The neighbours at number 12 painted their fence blue.",
    "Our twins turned 5 today and we baked a cake!",
    "In an open relationship, communication matters most, say therapists.",
    "Il se remet d'une semaine difficile au bureau.",
    "Caught speeding? Here is what happens to your licence.",
    "Proud to announce that our bakery won the regional prize this year.",
    "Donations to the Labour Party rose in 2023, the Electoral Commission said.",
]


# Wordings unlike the constructions above, for the broad rule (a person anchor next to a category's term).
BROAD_DISCLOSURES = [
    ("health", "Got my results back, it's lupus."),
    ("health", "Mon fils est suivi en pédopsy depuis la rentrée."),
    ("health", "Three rounds of chemo down, two to go for me."),
    ("health", "My husband's insulin pump failed on the flight."),
    ("health", "Ma mère ne quitte plus son fauteuil roulant."),
    ("health", "Back home after a week in hospital, feeling wobbly."),
    ("health", "Mon compagnon prend du lithium depuis dix ans."),
    ("health", "Our neighbour Gerald is waiting for a kidney transplant."),
    ("health", "J'ai passé la nuit aux urgences avec ma fille, crise d'asthme."),
    ("health", "Twelve weeks pregnant and I've told nobody at work yet."),
    ("health", "Ma copine fait des crises d'angoisse tous les soirs."),
    ("health", "My therapist says the panic attacks will ease."),
    ("religion", "Elle porte le voile depuis ses seize ans, ma cousine Yasmine."),
    ("religion", "My mother-in-law drags us all to Sunday mass."),
    ("religion", "Je fais le ramadan cette année pour la première fois."),
    ("religion", "Our landlord prays five times a day and keeps halal."),
    ("religion", "Mon oncle Bernard va à la messe tous les dimanches."),
    ("religion", "I've been going to the synagogue on Shabbat since my divorce."),
    ("politics", "My dad has been a Tory all his life."),
    ("politics", "Ma grand-mère était communiste et elle en était fière."),
    ("politics", "Sandra Wu canvassed for the Lib Dems in Bath."),
    ("politics", "Moi je vote écolo, mon mari vote pour les Verts aussi."),
    ("politics", "I voted Remain and my brother voted Leave."),
    ("union", "I've paid my union dues every month since 2004."),
    ("union", "Mon collègue Rachid a pris sa carte chez Solidaires."),
    ("union", "Nina Patel, a nurse at the ward, is in the RCN and was on the picket line."),
    ("union", "Ma femme est syndiquée depuis son premier poste."),
    ("ethnic_origin", "Je suis d'origine marocaine mais née à Lille."),
    ("ethnic_origin", "My wife is half-Nigerian, half-Irish."),
    ("ethnic_origin", "Nos voisins sont roms et très gentils."),
    ("ethnic_origin", "My grandparents fled Vietnam as refugees in 1979."),
    ("ethnic_origin", "Ma belle-mère est portugaise."),
    ("genetic", "The DNA test my aunt ordered says we're 30% Irish."),
    ("genetic", "Mon frère a une mutation du gène MTHFR."),
    ("genetic", "Turns out my husband carries the same faulty gene as his dad."),
    ("biometric", "My bank now checks my voiceprint when I call."),
    ("biometric", "Ma fille utilise la reconnaissance faciale de son téléphone pour payer."),
    ("criminal", "Dave did time for burglary back in the day."),
    ("criminal", "Mon beau-frère a fini en garde à vue après la soirée."),
    ("criminal", "Went to see my cousin in prison last Saturday."),
    ("criminal", "My ex got arrested outside the pub on Friday."),
    ("criminal", "Mon voisin Patrick a un bracelet électronique depuis mars."),
    ("criminal", "Kevin Duval sort de taule la semaine prochaine."),
    ("minors", "Ma fille Jade entre au CP en septembre."),
    ("minors", "Our son Felix, 9, plays for the school team at Greenfield."),
]

# The broad rule's terms in general, institutional, fictional, idiomatic or advice-seeking sentences.
BROAD_TOPICAL = [
    "Lupus is an autoimmune disease that mostly affects women.",
    "Chemotherapy can cause hair loss and fatigue.",
    "Les urgences pédiatriques sont saturées cet hiver.",
    "Insulin pumps deliver a steady dose through the day.",
    "If you are pregnant, ask your midwife before flying.",
    "Le voile intégral est interdit dans l'espace public depuis 2010.",
    "Ramadan begins with the sighting of the new moon.",
    "Sunday mass at the cathedral starts at ten.",
    "How do I know if my prayers are answered?",
    "The Tory manifesto was published on Thursday.",
    "Les communistes ont perdu leur dernier bastion en 2020.",
    "Turnout in the Leave areas was higher, the survey shows.",
    "Union dues are tax-deductible in some countries.",
    "Les syndicats appellent à la grève le 12 mars.",
    "About 12% of residents are of Portuguese descent, according to the census.",
    "Les Roms sont la première minorité d'Europe.",
    "DNA is a double helix made of four bases.",
    "Une mutation du gène BRCA1 augmente le risque de cancer.",
    "Voiceprint authentication is spreading among banks.",
    "La reconnaissance faciale sera testée aux JO.",
    "Burglary rates fell by a third last year.",
    "La garde à vue dure au maximum 48 heures.",
    "I read a great article about prison reform.",
    "In the film, the hero spends ten years in prison.",
    "Je pense que la prison ne règle rien.",
    "My favourite podcast is about the history of the Catholic Church.",
    "Tell me more about Buddhism and meditation.",
    "J'ai obtenu ma mutation à Lyon pour la rentrée.",
    "Our school fair raised money for the new library.",
    "I love Japanese food and my car is Japanese too.",
    "I charged my phone and went for a run.",
    "Mon casier au vestiaire est coincé.",
    "Black Friday deals on my favourite headphones!",
    "I found this guide to diabetes very clear.",
    "Our students learn about the Reformation in year 8.",
]
BROAD_TOPICAL += [
    "Les sondages donnent le RN en tête, selon une enquête Ifop.",
    "My thoughts and prayers are with the families tonight.",
    "Le syndicat de copropriété se réunit jeudi.",
    "Keep a first-aid kit and your asthma inhaler within reach, doctors advise.",
    "Someone in my building keeps leaving the door open.",
    "Catholic schools in the area admit pupils of all faiths, the diocese says.",
    "Qu'est-ce que le diabète de type 2 ?",
    "The Roma Museum in Brno opens at nine.",
    "Mon article sur la garde à vue est en ligne.",
    "As a nurse, I see depression every day on the ward.",
]


@pytest.mark.parametrize(("category", "text"), DISCLOSURES)
def test_a_disclosure_is_refused_with_its_category(category, text):
    decision = check_document(text, threshold=RULES)
    assert not decision.allowed
    assert decision.reason == "sensitive"
    assert decision.detail == category


@pytest.mark.parametrize("text", TOPICAL)
def test_topical_text_is_kept(text):
    assert check_document(text, threshold=RULES).allowed, find(text, threshold=RULES)


def test_the_dev_set_covers_every_category_in_both_languages():
    assert {category for category, _ in DISCLOSURES} == set(CATEGORIES)
    for category in CATEGORIES:
        assert sum(c == category for c, _ in DISCLOSURES) >= 8


def test_findings_are_sentence_spans_and_redact_keeps_the_other_sentences():
    text = (
        "Our street party was a success. My neighbour Karim converted to Islam last year.  "
        "He still brings the best cakes!\nJe suis séropositif depuis 2019. La mairie a prêté des tables."
    )
    findings = find(text, threshold=RULES)
    assert [(f.category, text[f.start : f.end]) for f in findings] == [
        ("religion", "My neighbour Karim converted to Islam last year."),
        ("health", "Je suis séropositif depuis 2019."),
    ]
    assert redact(text, findings) == (
        "Our street party was a success.   He still brings the best cakes!\n La mairie a prêté des tables."
    )
    assert redact(text, []) == text


def test_abbreviations_do_not_end_a_sentence():
    text = "Hier, M. Durand a été mis en examen. Le procès aura lieu en mai."
    assert [text[f.start : f.end] for f in find(text, threshold=RULES)] == ["Hier, M. Durand a été mis en examen."]


def test_one_sentence_may_disclose_several_categories():
    text = "Mon voisin Paul est délégué CGT et il a été condamné pour violences."
    assert [f.category for f in find(text, threshold=RULES)] == ["union", "criminal"]
    assert check_document(text, threshold=RULES).detail == "union"


@pytest.mark.parametrize("language", [None, "fr", "en", "de", ""])
def test_any_language_hint_is_accepted(language):
    assert check_document("I'm gay and my parents don't know.", language, RULES).detail == "sexual_orientation"
    assert check_document("Je suis séropositif depuis 2019.", language, RULES).detail == "health"


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n", "....!!!???", "\x00\ufffd" * 50, "é" * 10_000, "a. " * 5000, "(((((" * 100]
)
def test_empty_and_garbage_input_is_allowed(text):
    assert find(text, threshold=RULES) == []
    assert check_document(text, threshold=RULES).allowed
    assert redact(text, find(text, threshold=RULES)) == text


def test_a_finding_is_a_frozen_value():
    finding = Finding("health", 0, 10)
    with pytest.raises(AttributeError):
        finding.category = "union"  # type: ignore[misc]


@pytest.mark.parametrize(("category", "text"), BROAD_DISCLOSURES)
def test_a_disclosure_worded_without_a_known_construction_is_refused(category, text):
    decision = check_document(text, threshold=RULES)
    assert not decision.allowed, text
    assert decision.detail == category


@pytest.mark.parametrize("text", BROAD_TOPICAL)
def test_the_broad_rule_keeps_general_and_idiomatic_text(text):
    assert check_document(text, threshold=RULES).allowed, find(text, threshold=RULES)


def test_the_broad_examples_cover_both_languages_and_every_category():
    # Orientation is left to the phrase rules: its words ("gay", "trans") are too often topical.
    assert {category for category, _ in BROAD_DISCLOSURES} == set(CATEGORIES) - {"sexual_orientation"}
    assert len(BROAD_DISCLOSURES) >= 40 and len(BROAD_TOPICAL) >= 30


def test_the_broad_rule_adds_to_the_phrase_rules_without_reordering_them():
    text = "Mon voisin Paul est délégué CGT et il a été condamné pour violences. Dave did time for burglary."
    assert [f.category for f in find(text, threshold=RULES)] == ["union", "criminal", "criminal"]
