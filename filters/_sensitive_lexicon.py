"""Lexicons for filters/sensitive.py: who a sentence is about, and which constructions disclose a category.

Patterns are regex source strings, French and English side by side, compiled once by filters/sensitive.py.
Everything is case-insensitive unless wrapped in ``(?-i:...)`` (names, acronyms).
"""

from __future__ import annotations

A = "['’]"  # an apostrophe, straight or curly

# --- Who: person anchors ------------------------------------------------------------------------

RELATIONS_EN = (
    r"son|daughter|child|kid|baby|boy|girl|wife|husband|partner|spouse|boyfriend|girlfriend|fianc[ée]e?"
    r"|mother|mum|mom|father|dad|brother|sister|aunt|uncle|cousin|nephew|niece|grand(?:mother|ma|father|pa"
    r"|son|daughter|child)|step(?:son|daughter|father|mother)|neighbou?r|colleague|co-?worker|boss|manager"
    r"|(?:best\s+)?friend|flatmate|roommate|housemate|landlord|tenant|teacher|pupil|classmate|ex|twin"
)
RELATIONS_FR = (
    r"fils|fille|enfant|b[ée]b[ée]|femme|mari|[ée]poux|[ée]pouse|conjointe?|compagne|compagnon|copain|copine"
    r"|petite?[- ]amie?|m[èe]re|maman|p[èe]re|papa|fr[èe]re|s(?:œ|oe)ur|tante|oncle|cousine?|neveu|ni[èe]ce"
    r"|grand-m[èe]re|grand-p[èe]re|mamie|papi|papy|petit-fils|petite-fille|voisine?|coll[èe]gue|patronne?"
    r"|cheffe?|amie?|pote|coloc(?:ataire)?|propri(?:o|[ée]taire)|locataire|[ée]l[èe]ve|camarade|belle-m[èe]re"
    r"|beau-p[èe]re|beau-fr[èe]re|belle-s(?:œ|oe)ur|fianc[ée]e?|ex|jumeaux|jumelle|jumeau"
)
CHILD_RELATIONS = (
    r"son|daughter|child|kid|boy|girl|fils|fille|enfant|petit-fils|petite-fille|"
    r"niece|nephew|neveu|ni[èe]ce"
)

# Avoid listing first names that are everyday words (Will, May, Grace, Christian, Jordan...).
GIVEN_NAMES = (
    "Aaron Adam Adrien Agathe Ahmed Aicha Aïcha Alain Alex Alexandre Alexis Ali Alice Amandine Amélie Amina Amir"
    " Andrew Andy Anna Anne Annie Antoine Arnaud Arthur Aurélie Ayoub Baptiste Ben Benjamin Benoît Bernard Brian"
    " Bruno Camille Carlos Caroline Catherine Cédric Céline Charles Charlie Charlotte Chloé Chris Christine"
    " Christophe Claire Clara Claude Clément Colin Damien Daniel Dave David Denis Diane Dominique Eleanor Elena"
    " Elias Elizabeth Élodie Eloïse Emily Emma Emmanuel Éric Eric Ethan Étienne Eva Fabien Fabrice Farid Fatima"
    " Fatou Florian Franck François Françoise Frédéric Gabriel George Georges Gérard Guillaume Hannah Hélène"
    " Henri Hugo Ibrahim Inès Isabelle Jacques James Jane Jason Jean Jeanne Jennifer Jérôme Jessica Joe John"
    " Jonathan Joseph Julia Julie Julien Juliette Justine Karim Karima Kate Kevin Khadija Laura Laurent Léa"
    " Léo Léon Linda Lisa Louis Louise Luc Lucas Lucie Lucy Mahmoud Malik Manon Marc Margaux Marie Marion"
    " Martin Mathilde Matthew Maxime Mehdi Michael Michel Michelle Mike Mohamed Mohammed Moussa Nadia Nathalie"
    " Nathan Nicolas Nina Noah Nora Olivia Olivier Omar Oscar Pascal Patrick Paul Pauline Peter Philippe"
    " Pierre Rachel Rachid Raphaël Rebecca Richard Robert Romain Sam Samir Samuel Sandrine Sarah Sébastien"
    " Sophie Stéphane Stéphanie Steve Sylvie Theo Théo Thomas Tim Tom Valérie Vincent Virginie Yann Yannick"
    " Yasmine Youssef Zoé Zoe Emmett Jack Amy Sara Anthony Steven Kelly Megan Jamal Tyrone Aisha Priya Raj"
    " Chen Wei Ana Maria Luis Juan José Marco Giulia Ahmad Hassan Leila Mariam Sofia Lina Liam Noé Jules"
).split()

TITLES = r"Mr|Mrs|Ms|Miss|Dr|Prof|M|Mme|Mmes|Mlle|Madame|Monsieur|Mademoiselle|Docteur|Maître"
CAP = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?"

# Capitalised words that start a sentence or name an institution, not a person.
NOT_NAMES = frozenset(
    """The A An In On At Of For From By With To And But Or If When While After Before During Since This That
    These Those It Its He She They We You His Her Their Our My Your Le La Les Un Une Des Du De Au Aux En Dans Sur
    Par Pour Avec Sans Et Ou Mais Si Quand Lorsque Depuis Selon Ce Cette Ces Il Elle Ils Elles Nous Vous Son Sa
    Ses Leur Mon Ma Mes Notre Nos Votre Vos Je Tu On Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December Lundi Mardi Mercredi
    Jeudi Vendredi Samedi Dimanche Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre
    Décembre Party Parti National Nationale Rassemblement Front République Républicains Socialist Socialiste
    Labour Conservative Democratic Democrat Republican Green Greens Union Unite New Saint Sainte United Kingdom
    States France French English British American European Europe Paris London Court Cour Tribunal Supreme
    Ministry Ministère Minister Ministre Président President University Université Hospital Hôpital Institute
    Institut School École Church Église God Dieu Islam Christianity Catholic Catholique Jewish Muslim Google
    Apple Facebook Meta Amazon Microsoft Twitter Health Santé World Mondiale Organisation Organization Nations
    Disease Syndrome Maladie Crohn Parkinson Alzheimer Down North South East West Nord Sud Est Ouest Primary
    Many Most Some Few All Several Every Each Both Other Such Nearly Almost Americans Europeans Africans Asians
    Muslims Christians Jews Catholics Français Françaises Britons Canadians Germans Italians Spanish
    High Street Avenue Rue Boulevard Place Centre Center Jules-Ferry Victor-Hugo Face ID Touch""".split()
)

# --- Guards -------------------------------------------------------------------------------------

# Generic, conditional or institutional subjects: a sentence about "patients" or "if you are arrested".
GENERIC = (
    r"\b(?:if|whether|unless|once|when(?:ever)?|anyone|anybody|someone|somebody|everyone|people|persons?"
    r"|patients|individuals|defendants?|the\s+accused|suspects?|offenders|citizens|members|voters|workers"
    r"|employees|children|adults|women|men|one\s+in|per\s+cent|percent|%"
    rf"|si|lorsqu{A}?|lorsque|quand|quiconque|personnes?|patients|individus?|pr[ée]venus?|accus[ée]s?"
    r"|suspects?|citoyens|adh[ée]rents|[ée]lecteurs|salari[ée]s|enfants|adultes|femmes|hommes)\b"
)
# Plural or generic subjects that take over from the writer: "my patients", "I see people who".
OTHER_SUBJECT = (
    r"(?<!\bmy\s)(?<!\bour\s)(?<!\bmes\s)(?<!\bnos\s)(?<!\bma\s)(?<!\bmon\s)(?<!\bnotre\s)"
    r"\b(?:people|persons|patients|individuals|children|kids|adults|women|men|many|most|those|anyone|someone"
    r"|everyone|users|customers|clients|voters|workers|members|employees|defendants|offenders|suspects|students"
    r"|pupils|families|personnes|enfants|adultes|femmes|hommes|beaucoup|certains|certaines|ceux|celles|quiconque"
    r"|utilisateurs|[ée]lecteurs|salari[ée]s|adh[ée]rents|[ée]l[èe]ves|familles|malades|gens)\b"
)
HISTORICAL = (
    r"\b(?:(?:in|en|of|de|around|vers)\s+(?:1[0-8]\d\d|19[0-4]\d)\b|(?:in|en|around|vers)\s+\d{1,3}\b(?!\s*(?:ans?|years?|%))|century|centuries|si[èe]cles?"
    r"|(?-i:BC|BCE|AD)|av\.\s*J\.?-C|apr\.\s*J\.?-C|ancient|antiquit[ée]|antique|medieval|middle\s+ages"
    r"|moyen\s+[âa]ge"
    r"|reign|r[èe]gne|king|queen|emperor|empress|roi|reine|empereur|imp[ée]ratrice|pharaoh|pharaon|saint"
    r"|legend|l[ée]gende|novel|roman|character|personnage|fictional|fictif|fictive)\b"
)
# Public roles: a politician's party or a union leader's union is public-role information.
PUBLIC_ROLE = (
    r"\b(?:minister|ministre|premier|prime|president|pr[ée]sidente?|d[ée]put[ée]e?|eurod[ée]put[ée]e?|MPs?|MEPs?"
    r"|senator|s[ée]nat(?:eur|rice)|mayor|maire|governor|gouverneur|candidate|candidat|candidate|leader|chef"
    r"|cheffe|head|spokes(?:man|woman|person)|porte-parole|secretary|secr[ée]taire|chair(?:man|woman)?"
    r"|founder|fondat(?:eur|rice)|co-?founder|cofondat(?:eur|rice)|elected|[ée]lue?s?|congress(?:man|woman)"
    r"|councill?or|conseill[eè]re?\s+(?:municipal|r[ée]gional|d[ée]partemental)e?|t[êe]te\s+de\s+liste"
    r"|government|gouvernement|former|ancien(?:ne)?|general|g[ée]n[ée]ral(?:e)?)\b"
)

# --- What: disclosing constructions, one block per category -------------------------------------

BE_EN = (
    r"(?:am|is|are|was|were|been|being|became|become|becoming"
    r"|(?:I|he|she|you|we|they|who)[’']?(?:m|s|re)|i[’']m|he[’']s|she[’']s)"
)
BE_FR = r"(?:suis|es|est|[ée]tait|[ée]tais|sont|[ée]t[ée]e?|devenue?|reste)"

CONDITIONS_EN = (
    r"cancer|(?:type\s*[12]\s+)?diabetes|autism|HIV|AIDS|depression|bipolar(?:\s+disorder)?|schizophrenia"
    r"|epilepsy|multiple\s+sclerosis|MS|Parkinson[’']?s|Alzheimer[’']?s|dementia|ADHD|leuka?emia|lymphoma"
    r"|(?:a\s+)?(?:brain\s+)?tumou?r|(?:a\s+)?stroke|(?:a\s+)?heart\s+attack|(?:a\s+)?miscarriage"
    r"|(?:an\s+)?abortion|anorexia|bulimia|(?:an\s+)?eating\s+disorder|PTSD|OCD|hepatitis\s*[A-C]?|Crohn[’']?s"
    r"|lupus|long\s+covid|cystic\s+fibrosis|sickle\s+cell|cerebral\s+palsy|Down\s+syndrome|dyslexia|herpes"
    r"|chlamydia|syphilis|gonorrh?oea|HPV|psoriasis|endometriosis|infertility|(?:an\s+)?addiction|alcoholism|asthma"
    r"|(?:a\s+)?(?:mental|chronic)\s+(?:illness|health\s+(?:condition|problem|issue)s?)|anxiety(?:\s+disorder)?"
    r"|panic\s+attacks|insomnia|(?:a\s+)?disability|(?:a\s+)?breakdown|(?:a\s+)?nervous\s+breakdown"
    r"|(?:an?\s+)?(?:rare\s+)?(?:disease|illness|condition)|covid(?:-19)?|tuberculosis|TB|arthritis|migraines?"
    r"|burn-?out|(?:a\s+)?(?:heart|kidney|liver)\s+(?:condition|failure|disease)|(?:a\s+)?concussion"
)
CONDITIONS_FR = (
    r"(?:un\s+|le\s+|d[’'])?cancer|(?:un\s+|le\s+|du\s+)?diab[èe]te|(?:le\s+|du\s+)?sida|(?:le\s+|du\s+)?VIH"
    r"|(?:une\s+|la\s+)?(?:d[ée]pression|tumeur|h[ée]patite|leuc[ée]mie|scl[ée]rose\s+en\s+plaques|schizophr[ée]nie"
    r"|[ée]pilepsie|anorexie|boulimie|endom[ée]triose|maladie\s+(?:de\s+\w+|chronique|grave|rare|mentale)"
    r"|fausse\s+couche|IVG|tentative\s+de\s+suicide|addiction|infertilit[ée]|mucoviscidose|dr[ée]panocytose"
    r"|trisomie(?:\s+21)?|dyslexie|psychose|phobie|crise\s+cardiaque)|(?:un\s+|l[’'])?(?:AVC|infarctus|autisme"
    r"|alcoolisme|burn-?out|TDAH|asthme|herp[èe]s|lymphome|trouble\s+(?:bipolaire|anxieux|obsessionnel|du"
    r"\s+comportement\s+alimentaire|psychique|mental))|covid|psoriasis|migraines?"
)

HEALTH = (
    # English
    r"\bdiagnos(?:ed|is)\b|\bsuffer(?:s|ed|ing)?\s+from\b|\btested\s+(?:HIV[- ])?positive\b(?!\s+for\s+(?:the\s+"
    r"|a\s+)?(?:BRCA|APOE|Huntington|gene|genetic|mutation))|\bHIV[- ]positive\b",
    rf"\b(?:ha[sd]|have|having|got|gets?|developed|caught|contracted|battl(?:es?|ed|ing)|fight(?:s|ing)?"
    rf"|fought|beat|survived|living\s+with|lives\s+with|in\s+(?:treatment|rehab|therapy)\s+for|getting\s+(?:help"
    rf"|treatment)\s+for|struggl(?:es?|ed|ing)\s+with|treated\s+for"
    rf"|recovering\s+from|died\s+of|suffer(?:s|ed|ing)|off\s+(?:\w+\s+){{0,3}}with|hospitali[sz]ed\s+(?:for|with)|off\s+(?:work|sick)\s+with|signed\s+off\s+with"
    rf"|on\s+sick\s+leave\s+(?:for|with))\s+(?:a\s+|an\s+|the\s+)?(?:(?:stage\s+\w+"
    rf"|[\w-]+)\s+)?(?:{CONDITIONS_EN})\b",
    rf"\b{BE_EN}\s+(?:now\s+|also\s+)?(?:autistic|diabetic|epileptic|bipolar|schizophrenic|anorexic|bulimic"
    r"|pregnant|expecting|infertile|blind|deaf|paraly[sz]ed|paraplegic|quadriplegic|tetraplegic|disabled"
    r"|(?:an?\s+)?(?:recovering\s+)?(?:alcoholic|drug\s+addict|addict|amputee|cancer\s+survivor)|addicted\s+to"
    r"|in\s+remission|terminally\s+ill|in\s+rehab|on\s+(?:chemo|dialysis|the\s+transplant\s+list)|sectioned"
    r"|hospitali[sz]ed|admitted\s+to\s+(?:hospital|a\s+psychiatric)|in\s+(?:therapy|hospital|a\s+wheelchair))\b",
    r"\b(?:on|taking|takes|took|prescribed|started|undergoing|receiving|getting)\s+(?:antidepressants"
    r"|anti-depressants|chemo(?:therapy)?"
    r"|insulin|methadone|lithium|antiretrovirals|PrEP|antipsychotics|(?:Prozac|Zoloft|Xanax|Ritalin|Lexapro"
    r"|sertraline|fluoxetine|citalopram|Truvada))\b",
    r"\b(?:underwent|had|have\s+had|has\s+had)\s+(?:a\s+|an\s+)?(?:mastectomy|hysterectomy|chemo(?:therapy)?"
    r"|radiotherapy|abortion|miscarriage|transplant|(?:heart|brain|weight[- ]loss|gastric\s+bypass)\s+surgery"
    r"|surgery\s+for|IVF|breakdown|stroke|seizures?|(?:hip|knee|heart[- ]valve)\s+replacement|bypass"
    r"|(?:kidney|liver|heart|lung)\s+transplant|C-section|caesarean)\b",
    r"\b(?:my|his|her)\s+(?:cancer|chemo(?:therapy)?|depression|diagnosis|HIV|illness|disability|pregnancy"
    r"|miscarriage|therapist|psychiatrist|oncologist|antidepressants|medication|tumou?r|diabetes|autism|ADHD"
    r"|eating\s+disorder|addiction|relapse|rehab|suicide\s+attempt|mental\s+(?:health|illness)|(?:hip|knee)\s+replacement"
    r"|surgery|transplant|stroke|heart\s+attack|breakdown|burn-?out)\b",
    r"\bpregnant\b|\bmiscarried\b|\bcame\s+out\s+of\s+rehab\b|\bsober\s+for\b|\b(?:days|weeks|months"
    r"|years)\s+sober\b|\battempted\s+suicide\b",
    # French
    r"\bdiagnostiqu[ée]e?s?\b|\bdiagnostic\s+d[e’']|\batteinte?s?\s+(?:d[e’']|du|des)\b"
    r"|\bsouffr(?:e|es|ent|ait|ais|ant|ir)\s+(?:d[e’']|du|des)\b|\bs[ée]ropositi(?:f|ve)s?\b|\benceinte\b",
    r"\b(?:en\s+)?arr[êe]t\s+(?:maladie|de\s+travail)\b|\ben\s+arr[êe]t\s+(?:\w+\s+){0,3}pour\b"
    rf"|\bse\s+remet(?:tre)?\s+(?:d[e’']|du|des)\s*(?:(?:un|une|la|le|l[’']|son|sa|ses)\s*)?(?:(?:lourde|grave|longue"
    rf"|r[ée]cente|grosse)\s+)?(?:{CONDITIONS_FR}|op[ée]ration|intervention|fracture|greffe|chimio\w*|accident\s+vasculaire)\b|\bremise?\s+d{A}(?:un|une)\s+(?:{CONDITIONS_FR})\b|\barr[êe]t\s+pour\s+(?:d[ée]pression"
    r"|burn-?out|maladie)\b",
    r"\bsous\s+(?:traitement|antid[ée]presseurs|chimio(?:th[ée]rapie)?|insuline|m[ée]thadone|lithium"
    r"|trith[ée]rapie|anxiolytiques|neuroleptiques|dialyse|PrEP)\b",
    rf"\b{BE_FR}\s+(?:tr[èe]s\s+|aussi\s+|devenue?\s+)?(?:diab[ée]tique|autiste|[ée]pileptique|bipolaire"
    r"|schizophr[èe]ne|d[ée]pressi(?:f|ve)|handicap[ée]e?|alcoolique|toxicomane|anorexique|boulimique"
    r"|aveugle|sourde?|parapl[ée]gique|t[ée]trapl[ée]gique|en\s+r[ée]mission|hospitalis[ée]e?|intern[ée]e?"
    r"|malade|en\s+d[ée]pression|en\s+burn-?out|en\s+cure|en\s+rehab|st[ée]rile|op[ée]r[ée]e?)\b",
    rf"\b(?:ai|as|a|avait|avais|avons|ont|eu|fait|faite|fais|d[ée]velopp[ée]|contract[ée]|vaincu|lutte\s+contre"
    rf"|vit\s+avec|vis\s+avec|soign[ée]e?\s+pour|trait[ée]e?\s+pour|hospitalis[ée]e?\s+pour|mort\s+d[’']un"
    rf"|d[ée]c[ée]d[ée]e?\s+d[’']un)\s+(?:(?:une?|la|le)\s+)?(?:(?:grosse|grave|s[ée]v[èe]re|petite|vraie|sale)\s+)?"
    rf"(?:{CONDITIONS_FR})\b",
    r"\b(?:mon|ma|mes|son|sa|ses)\s+(?:cancer|chimio(?:th[ée]rapie)?|d[ée]pression|diagnostic|maladie|handicap"
    r"|grossesse|fausse\s+couche|psychiatre|psy|oncologue|traitement|antid[ée]presseurs|tumeur|diab[èe]te"
    r"|s[ée]ropositivit[ée]|addiction|rechute|cure\s+de\s+d[ée]sintoxication|tentative\s+de\s+suicide)\b",
    r"\b(?:a|ai|avait)\s+avort[ée]\b|\bsuivie?\s+(?:en\s+psychiatrie|par\s+un\s+psychiatre)\b|\bhospitalis[ée]e?\s+"
    r"(?:en\s+psychiatrie|pour)\b|\bop[ée]r[ée]e?\s+d[e’']",
)

ORIENTATIONS_EN = (
    r"gay|lesbian|bisexual|bi|queer|trans|transgender|non-binary|nonbinary|pansexual|asexual|homosexual"
    r"|a\s+trans\s+(?:man|woman)"
)
ORIENTATIONS_FR = (
    r"gay|gai|gaie|homo|homosexuel(?:le)?|lesbienne|bisexuel(?:le)?|bi|trans|transgenre|non-binaire|queer"
    r"|pansexuel(?:le)?|asexuel(?:le)?"
)
NOT_AFTER_ORIENTATION = (
    r"(?!\s+(?:marriage|rights?|community|couples?|men|women|people|pride|bars?|clubs?|friendly|icon|activists?"
    r"|characters?|culture|mariage|droits?|communaut[ée]|couples?|hommes|femmes|personnes|fiert[ée]|bars?"
    r"|associations?|militants?))"
)
SEXUAL_ORIENTATION = (
    rf"\b(?:{BE_EN}|identif(?:y|ies|ied)\s+as|came\s+out\s+as|coming\s+out\s+as)\s+(?:a\s+|an\s+)?(?:also\s+"
    rf"|openly\s+|secretly\s+)?(?:\d{{1,3}}[- ]year[- ]old\s+)?(?:{ORIENTATIONS_EN})\b{NOT_AFTER_ORIENTATION}",
    r"\bas\s+an?\s+(?:\d{1,3}[- ]year[- ]old\s+|(?:openly|older|young)\s+)?(?:gay|lesbian|bisexual|bi|queer|trans|pansexual"
    r"|asexual)\s+(?:man|woman|person|guy|girl|dad|mum|mom|father|mother|couple)\b"
    r"|\b(?:in|into)\s+an?\s+(?:open|polyamorous|poly|non-monogamous)\s+(?:relationship|marriage)\b",
    r"\b(?:femme|homme|fille|gar[çc]on)\s+trans(?:genre)?\b|\btrans(?:gender)?\s+(?:woman|man|girl|boy)\b"
    r"|\bcame\s+out\s+to\b|\bcoming\s+out\s+to\b|\b(?:my|his|her)\s+(?:coming\s+out|transition|sexuality"
    r"|sexual\s+orientation)\b|\b(?:transitioned|started\s+(?:HRT|hormones))\b",
    rf"\b(?:{BE_FR}|s{A}affirme|se\s+dit|se\s+d[ée]finit\s+comme)\s+(?:aussi\s+|ouvertement\s+)?"
    rf"(?:{ORIENTATIONS_FR})\b{NOT_AFTER_ORIENTATION}",
    r"\b(?:fait|faire)\s+(?:son|mon|leur)\s+coming[- ]out\b|\ben\s+couple\s+(?:libre|ouvert)\b|\bpolyamoureu(?:x|se)\b"
    r"|^(?:homosexuel(?:le)?|gay|lesbienne|bisexuel(?:le)?)\s+de\s+\d{1,3}\s+ans\b"
    r"|\ben\s+tant\s+que\s+(?:homme\s+|femme\s+)?(?:homosexuel(?:le)?|gay|lesbienne|bisexuel(?:le)?|bi)\b|\b(?:mon|son|sa)\s+(?:coming[- ]out|transition"
    r"|orientation\s+sexuelle|homosexualit[ée]|bisexualit[ée])\b",
)

RELIGIONS_EN = (
    r"Muslim|Catholic|Jew|Jewish|Christian|Buddhist|Hindu|Sikh|atheist|agnostic|Protestant|Mormon|Jehovah[’']s"
    r"\s+Witness|evangelical|Orthodox\s+(?:Jew|Christian)|Orthodox|Evangelical|Baptist|Methodist|Anglican|Quaker"
    r"|Scientologist|pagan|Wiccan"
)
RELIGIONS_FR = (
    r"musulmane?|catholique|juif|juive|chr[ée]tienne?|bouddhiste|hindoue?|sikh|ath[ée]e|agnostique"
    r"|protestante?|[ée]vang[ée]lique|t[ée]moin\s+de\s+J[ée]hovah|orthodoxe|mormone?|scientologue|pa[ïi]enne?"
)
RELIGION = (
    r"\bconvert(?:ed|s|ing)?\s+to\s+(?:Islam|Christianity|Catholicism|Judaism|Buddhism|Hinduism|Sikhism"
    r"|Protestantism|Orthodoxy|the\s+\w+\s+faith)\b",
    rf"\b{BE_EN}\s+(?:a\s+|an\s+)?(?:(?:devout|practi[cs]ing|observant|committed|born-again|lapsed|non-practi[cs]ing"
    rf"|convinced|strict)\s+)?(?:{RELIGIONS_EN})s?\b(?!\s+(?:school|church|faith|tradition|population|community"
    r"|communities|countr(?:y|ies)|world|majority))",
    r"\b(?:goes|go|went|going)\s+to\s+(?:the\s+)?(?:mosque|synagogue|mass|church|temple|gurdwara)\b"
    r"|\bwears?\s+(?:a|the|her)\s+(?:hijab|headscarf|niqab|burqa|kippah|yarmulke|turban)\b|\bwas\s+bapti[sz]ed\b"
    r"|\b(?:fasts?|fasted|fasting)\s+(?:during|for)\s+Ramadan\b|\bobserves?\s+(?:Ramadan|the\s+Sabbath|Shabbat)\b"
    r"|\b(?:my|his|her)\s+(?:faith|religion|religious\s+beliefs|conversion|bar\s+mitzvah|bat\s+mitzvah)\b"
    r"|\bprays?\s+five\s+times\b|\blost\s+(?:my|his|her)\s+faith\b|\bleft\s+the\s+(?:church|faith)\b"
    r"|\b(?:got|been|was|were|being|get|getting)\s+(?:baptised|baptized|confirmed|christened)\b"
    r"|\bsaid\s+yes\s+to\s+(?:Jesus|Christ|God)\b|\b(?:gave|give|giving)\s+(?:my|his|her)\s+life\s+to\s+(?:Jesus|Christ)\b"
    r"|\bborn[- ]again\b",
    r"\bconverti(?:e|s)?\s+(?:[àa]\s+l[’']|au\s+)(?:islam|catholicisme|juda[ïi]sme|bouddhisme|christianisme"
    r"|protestantisme|hindouisme)\b|\bs[’']est\s+convertie?\b|\bme\s+suis\s+convertie?\b",
    rf"\b{BE_FR}\s+(?:(?:plus|pas|toujours|une?|fervente?|tr[èe]s)\s+)*(?:{RELIGIONS_FR})\b(?:\s+pratiquante?)?"
    r"(?!\s+(?:de\s+la\s+(?:population|communaut[ée])|en\s+France))",
    r"\bpratiquante?s?\b|\bpratiqu(?:e|ait)\s+(?:l[’']islam|le\s+juda[ïi]sme|sa\s+religion|sa\s+foi|le\s+ramadan"
    r"|le\s+catholicisme)\b|\bfai(?:t|s|sait)\s+(?:le\s+)?ramadan\b|\b(?:va|vais"
    r"|allait)\s+(?:[àa]\s+la\s+(?:mosqu[ée]e"
    r"|messe|synagogue)|[àa]\s+l[’'][ée]glise|au\s+temple)\b|\bporte\s+(?:le|la|un|une)\s+(?:voile|foulard|kippa"
    r"|turban|hijab|niqab|burqa)\b|\bbaptis[ée]e?\b|\b(?:dire\s+)?oui\s+(?:au\s+Christ|[àa]\s+J[ée]sus)\b|\b(?:ma|sa)\s+(?:foi|religion|conversion)\b|\bperdu\s+la\s+foi\b",
)

PARTIES = (
    r"(?-i:RN|LFI|PS|LR|EELV|PCF|NPA|UDI|MoDem|SNP|UKIP|DUP|GOP|AfD|MAGA)"
    r"|Rassemblement\s+national|Front\s+national|(?:La\s+)?France\s+insoumise|Parti\s+socialiste"
    r"|Les\s+R[ée]publicains"
    r"|Renaissance|Les\s+[ÉE]cologistes|Europe\s+[ÉE]cologie|Reconqu[êe]te|Parti\s+communiste|Lutte\s+ouvri[èe]re"
    r"|Horizons|Labour|Conservatives?|Tor(?:y|ies)|Lib(?:eral)?\s+Dems?|Liberal\s+Democrats?|Reform\s+UK"
    r"|Green\s+Party|the\s+Greens|(?-i:Greens?)|Republicans?|Democrats?|Democratic\s+Party|Republican\s+Party"
    r"|Sinn\s+F[ée]in|Brexit\s+Party|Plaid\s+Cymru|(?-i:SNP)|Scottish\s+National\s+Party|Debout\s+la\s+France"
    r"|Communist\s+Party|Socialist\s+Party|Trump|Biden|Harris|Macron|Le\s+Pen|M[ée]lenchon|Zemmour|Bardella"
)
POLITICS = (
    rf"\bvot(?:e|es|ed|ing|ait|ais|ent|er|[ée])\s+(?:pour\s+|for\s+)?(?:le\s+|la\s+|les\s+|the\s+)?(?:{PARTIES})\b",
    rf"\b(?:member|membre|adh[ée]r\w*|militante?|activist|canvass(?:er|ed|es)?\s+for|volunteer(?:s|ed)?\s+for"
    rf"|campaign(?:s|ed)?\s+for|supporter|sympathisante?|donat(?:es|ed)\s+to|joined|rejoint|encart[ée]e?)"
    rf"\s+(?:(?:of|du|de\s+la|de\s+l[’']|d[’']|des|au|[àa]\s+la|[àa]\s+l[’']|chez|the|a)\s*){{0,2}}"
    rf"(?:(?:local\s+)?(?:party|parti)\s+)?(?:{PARTIES})\b",
    r"\bvot(?:e|es|ent|ait|ais|er|[ée])\s+(?:toujours\s+|always\s+)?(?:communiste|socialiste|[ée]colo(?:giste)?"
    r"|[àa]\s+gauche"
    r"|[àa]\s+droite|extr[êe]me[- ]droite|Green|far[- ]right|left|right)\b|\bmilitante?\s+(?:[ée]cologiste|communiste"
    r"|socialiste|anarchiste|d[’']extr[êe]me|de\s+gauche|de\s+droite|royaliste|identitaire|antifa)\b",
    rf"\bmilit(?:e|es|ent|ait|ais|er|[ée])\s+(?:au|[àa]\s+la|[àa]\s+l[’']|pour|chez|dans|avec)\s+(?:le\s+|la\s+"
    rf"|les\s+)?"
    rf"(?:{PARTIES})\b",
    rf"\b(?:{PARTIES})\s+(?:member|voter|supporter|activist|militant|adh[ée]rent|sympathisant)s?\b",
    rf"\b(?:{BE_EN})\s+(?:a\s+)?(?:card-carrying|registered|lifelong)\s+(?:Republican|Democrat|member|Tory|Labour)\b"
    rf"|\b(?:{BE_EN})\s+(?:a\s+)?(?:party\s+member|communist|socialist|anarchist|fascist|far-right|far-left)\b",
    rf"\b(?:{BE_FR})\s+(?:tr[èe]s\s+)?(?:de\s+gauche|de\s+droite|d[’']extr[êe]me[- ](?:droite|gauche)|communiste"
    r"|anarchiste|socialiste|[ée]cologiste|royaliste|militante?\s+(?:politique|au|du|de\s+la|[àa]\s+la))\b"
    r"|\b(?:carte\s+(?:du|au)\s+parti|party\s+card|party\s+member)\b|\bmy\s+(?:vote|ballot)\b",
    rf"\b(?:donat(?:es?|ed|ing)|gives?|gave|giving|contribut(?:es?|ed|ing)|donn(?:e|es|ent|ait|[ée])|vers(?:e|es|ait|[ée]))"
    rf"\s+(?:[\w€£$]+\s+){{0,4}}?(?:to|[àa]|au|aux)\s+(?:the\s+|la\s+|l[’'])?(?:{PARTIES})\b",
    r"\b(?:zemmour|macron|m[ée]lenchon|lep[ée]n|trump|sarkoz|chirac|gaull|poutin|fillon|bardell)istes?\b"
    r"|\binsoumise?\b(?!\s+(?:de|du|des|la|le)\b)|\b(?:Trump|MAGA|Brexit|Corbyn|Reform)\s+(?:supporter|fan|voter)s?\b",
    rf"\b(?:chair|chairman|chairwoman|secretary|treasurer|president|officer|organi[sz]er|agent)\s+(?:of|for)\s+(?:his\s+|her\s+"
    rf"|their\s+|the\s+)?(?:local\s+)?(?:{PARTIES})\s+(?:association|branch|constituency|party|ward|group)\b"
    rf"|\b(?:secr[ée]taire|tr[ée]sori[èe]re?|pr[ée]sidente?|responsable|animat(?:eur|rice))\s+(?:de\s+la\s+)?(?:section"
    rf"|f[ée]d[ée]ration|comit[ée])\s+(?:locale?\s+|de\s+\w+\s+|d[’']\w+\s+)?(?:du\s+|de\s+la\s+|de\s+l[’'])?(?:{PARTIES})\b",
)
# Officers of a local branch are private persons even with a title ("secretary of the local Labour branch").
LOCAL_ROLE = (
    r"\b(?:local|branch|section|site|depot|d[ée]p[ôo]t|ward|association|f[ée]d[ée]ration\s+(?:de|d[’'])|workplace"
    r"|du\s+site|de\s+l[’']usine|de\s+l[’']entreprise)\b"
)

UNIONS = (
    r"(?-i:CGT|CFDT|FO|SUD|CFTC|UNSA|Unsa|FSU|SNES|SNUipp|SGEN|CNT|CFE-CGC|Unite|Unison|UNISON|GMB|RMT|NEU|UAW|SEIU"
    r"|AFL-CIO|TUC|UNITE|RCN|CWU|PCS|UCU|NASUWT|NUT|EIS|FBU|ASLEF|Aslef|BMA|NUJ|Usdaw|USDAW|BALPA|Teamsters)"
    r"|Force\s+ouvri[èe]re|Solidaires|Sud[- ]Rail|Royal\s+College\s+of\s+Nursing"
)
UNION = (
    rf"\bd[ée]l[ée]gu[ée]e?\s+(?:syndicale?|du\s+personnel|(?:{UNIONS}))\b|\bsyndiqu[ée]e?s?\b"
    rf"|\brepr[ée]sentante?\s+(?:syndicale?|du\s+personnel)\b|\b[ée]lue?\s+(?:CSE|au\s+CSE|du\s+personnel"
    rf"|(?:{UNIONS}))\b",
    rf"\b(?:adh[ée]rente?|militante?|membre|encart[ée]e?|d[ée]l[ée]gu[ée]e?|repr[ée]sentante?)\s+(?:(?:de\s+la|du"
    rf"|[àa]\s+la|au|chez)\s+)?(?:{UNIONS})\b|\b(?:{UNIONS})\s+(?:shop\s+steward|rep|representative|member|delegate"
    r"|activist|convenor)\b|\bmilitante?\s+syndicale?\b|\bmembre\s+d[’']un\s+syndicat\b|\bmembre\s+du\s+syndicat\b",
    rf"\bshop\s+steward\b|\bunion\s+(?:rep|representative|member|delegate|activist|convenor|organi[sz]er)\b"
    rf"|\bmember\s+of\s+(?:the\s+|a\s+)?(?:(?:trade|labou?r)\s+)?union\b|\bjoined\s+(?:the\s+|a\s+)?(?:(?:trade"
    rf"|labou?r)\s+)?union\b|\bmember\s+of\s+(?:the\s+)?(?:{UNIONS})\b|\bjoined\s+(?:the\s+)?(?:{UNIONS})\b",
    rf"\b(?:branch\s+|site\s+|deputy\s+|local\s+)?(?:secretary|chair|officer|rep|representative|steward|convenor|organi[sz]er"
    rf"|treasurer|delegate)\s+(?:of|for|at)\s+(?:the\s+)?(?:local\s+)?(?:{UNIONS})\b"
    rf"|\b(?:quit|left|leave|leaving|quitt(?:e|er|[ée]|ais)|d[ée]missionn\w*\s+d[ue])\s+(?:the\s+|l[’']|la\s+|le\s+)?(?:{UNIONS})\b"
    rf"|\b(?:prendre|pris|prend|prends|pris|a\s+pris)\s+(?:sa|ma|la|une|leur|son)\s+carte\s+(?:[àa]\s+la\s+|au\s+|[àa]\s+l[’']|chez\s+)?"
    rf"(?:{UNIONS}|syndicat)\b|\bsyndicalisme\s+(?:[àa]\s+la|au|chez|[àa]\s+l[’'])\s+(?:{UNIONS})\b"
    rf"|\bcotis(?:e|es|ent|ais|ait|er)\s+(?:[àa]\s+la|au|chez|[àa]\s+l[’'])\s+(?:{UNIONS})\b|\bsur\s+le\s+piquet\s+de\s+gr[èe]ve\b"
    r"|\b(?:collecting|gathering)\s+signatures\s+for\s+(?:the|a)\s+union\b|\b(?:organi[sz]ing|unioni[sz]ing)\s+(?:the|a|our)"
    r"\s+(?:union|workplace|warehouse|shop|depot)\b|\ba\s+union\s+man\b",
)

ORIGINS = (
    r"maghr[ée]bine?|alg[ée]rienne?|marocaine?|tunisienne?|africaine?|s[ée]n[ée]galaise?|malienne?|ivoirienne?"
    r"|camerounaise?|congolaise?|antillaise?|turque?|kurde|arm[ée]nienne?|vietnamienne?|chinoise?|asiatique"
    r"|portugaise?|italienne?|espagnole?|polonaise?|roumaine?|rom|tsigane|gitane?|juive?|arabe|berb[èe]re"
    r"|kabyle|comorienne?|ha[ïi]tienne?|libanaise?|syrienne?|indienne?|pakistanaise?|\w+"
)
ETHNIC_ORIGIN = (
    rf"\bd[’']origines?\s+(?:{ORIGINS})\b|\b(?:mes|ses|nos)\s+origines\b|\bissue?s?\s+de\s+l[’']immigration\b",
    rf"\b{BE_FR}\s+(?:une?\s+|des\s+)?(?:noire?s?|arabes?|roms?|tsiganes?|gitane?s?|m[ée]tisse?|kabyle|berb[èe]re|beur|rebeu"
    r"|maghr[ée]bine?|renoi|black|asiatique|sinti|manouche|yenish)\b"
    r"|\ben\s+tant\s+que\s+(?:femme|homme|personne|fille|m[èe]re|p[èe]re)\s+(?:noire?|arabe|racis[ée]e|asiatique|m[ée]tisse?"
    r"|maghr[ée]bine?|rom)\b|\bracis[ée]e?\b|\b(?:ashk[ée]naze|s[ée]pharade)s?\b",
    r"\bof\s+(?:\w+\s+){0,2}(?:descent|origin|heritage|ancestry|background|extraction)\b"
    r"|\b(?:my|his|her)\s+(?:ethnicity|ethnic\s+(?:background|origin|group)|race|heritage|roots|ancestry)\b",
    rf"\b{BE_EN}\s+(?:a\s+|an\s+)?(?:Roma|Romani|Gypsy|Traveller|Black|black|African[- ]American|Arab|Hispanic"
    r"|Latino|Latina|Latinx|Asian|Kurdish|Berber|mixed[- ]race|biracial|Aboriginal|Indigenous|Native\s+American"
    r"|M[āa]ori|First\s+Nations|Pakistani|Bangladeshi|Somali|Uyghur|Ashkenazi|Sephardi(?:c)?|(?:half|part"
    r"|quarter)[- ][A-Z]\w+)\b(?!\s+(?:population|communit(?:y|ies)"
    r"|countr(?:y|ies)|history|culture|people|Americans\s+are))|\bas\s+a\s+(?:black|Black|mixed[- ]race|Roma"
    r"|brown|Asian|Arab)\s+(?:woman|man|person|girl|boy|mother|father)\b",
)

GENETIC_DISEASES = (
    r"Fragile\s+X|Huntington[’']?s(?:\s+disease)?|Lynch\s+syndrome|Tay[- ]Sachs|Marfan(?:\s+syndrome)?|haemochromatosis"
    r"|hemochromatosis|BRCA[12]?(?:\s+mutation)?|Klinefelter|Turner\s+syndrome|Duchenne|spinal\s+muscular\s+atrophy"
)
GENETIC_DISEASES_FR = (
    r"maladie\s+de\s+Huntington|Huntington|X\s+fragile|syndrome\s+de\s+Lynch|mucoviscidose|dr[ée]panocytose"
    r"|h[ée]mochromatose|BRCA[12]?|myopathie\s+de\s+Duchenne|syndrome\s+de\s+Marfan"
)
GENETIC = (
    r"(?-i:23andMe)|\bAncestry(?:DNA)?\b|\bMyHeritage\b|\b(?-i:BRCA[12]?|APOE4|APOE|HTT|MTHFR)\b",
    r"\b(?:took|take|did|do|done|had|got|ordered|sent\s+off|received)\s+(?:a|an|my|his|her|the)\s+(?:DNA|genetic"
    r"|ancestry|paternity|genome|BRCA)\s+(?:test|kit|analysis|screening)\b",
    r"\b(?:my|his|her|our)\s+(?:DNA|genetic|genome|BRCA|ancestry|paternity)\s*(?:test|results?|report|analysis|data"
    r"|profile"
    r"|sequenc\w*|markers?|makeup|risk)?\b|\b(?:my|his|her)\s+genes\b",
    r"\b(?:carr(?:y|ies|ied)|carrier\s+of|tested\s+positive\s+for|inherited|positive\s+for)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:BRCA[12]?|APOE4?|Huntington[’']?s|HTT|gene|mutation|genetic|cystic\s+fibrosis|sickle[- ]cell|Lynch"
    r"|faulty\s+gene)\b|\bBRCA[12]?\s+(?:mutation|positive|carrier|gene)\b|\bgenome\s+sequenced\b",
    r"\bcarriers?\s+of\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:mutation|gene|variant|allele)s?\b"
    r"|\bcarr(?:y|ies|ied|ying)\s+(?:a\s+|an\s+|the\s+|two\s+copies\s+of\s+(?:the\s+)?)?(?:[\w-]+\s+){0,3}?(?:mutation|gene|variant"
    r"|allele)s?\b|\b(?:my|his|her|our|their)\s+(?:whole[- ])?(?:exome|genome|karyotype)\b"
    rf"|\b\w+{A}s\s+(?:DNA|genetic|paternity|BRCA|exome|genome)\s+(?:test|results?|report|analysis)\b"
    rf"|\b(?:has|have|had|with|for|positive\s+for)\s+(?:the\s+)?(?:{GENETIC_DISEASES})\b"
    r"|\b(?-i:[A-Z][A-Z0-9]{2,6})\s+(?:variant|mutation)\b|\b(?:variant|mutation)\s+(?-i:[A-Z][A-Z0-9]{2,6})\b"
    r"|\b(?:mon|son|sa|notre)\s+(?:exome|caryotype)\b|\b(?:test|r[ée]sultats?|analyses?)\b[^.]{0,30}?\brevenue?s?\s+positi(?:f|ve)s?\s+"
    rf"(?:pour|[àa])\s+(?:la\s+|le\s+)?(?:{GENETIC_DISEASES_FR})\b"
    r"|\bporteu(?:r|se|rs|ses)\s+(?:sains?\s+|saines?\s+)?(?:d[e’']|du|de\s+la|des)\s*(?:une?\s+|la\s+|le\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:mutation|g[èe]ne|variant|anomalie|all[èe]le)s?\b",
    r"\btest\s+(?:ADN|g[ée]n[ée]tique|de\s+paternit[ée])\b|\bporteu(?:r|se)\s+(?:d[e’']|du|de\s+la)\s*(?:une?\s+)?"
    r"(?:mutation|g[èe]ne|BRCA|anomalie|la\s+mutation|maladie)\b|\bmutation\s+(?:du\s+g[èe]ne\s+)?BRCA[12]?\b"
    r"|\b(?:mon|son|notre)\s+(?:ADN|g[ée]nome|profil\s+g[ée]n[ée]tique|test\s+ADN)\b|\b(?:mes|ses)\s+g[èe]nes\b"
    r"|\b(?:analyse|s[ée]quen[cç]age|d[ée]pistage)\s+g[ée]n[ée]tique\b|\bs[ée]quenc[ée]r?\s+(?:mon"
    r"|son)\s+g[ée]nome\b",
)

BIOMETRIC = (
    r"\b(?:scann(?:ing|ed|s)?|registering|enrolling|taking|recording|capturing|collecting|storing)\s+(?:my|his|her|our|their)"
    r"\s+(?:(?:right|left)\s+)?(?:face|thumbs?|fingers?|index\s+finger|iris(?:es)?|eyes?|palms?|hands?|voice)\b"
    r"|\b(?:my|his|her|whose|their)\s+(?:hand\s+geometry|facial\s+scans?|face\s+(?:scans?|template|print|data)|iris\s+(?:data|template)"
    r"|voice\s+(?:print|template|sample)|fingerprint\s+(?:data|template))\b",
    r"\b(?:registered|enrolled|enroled|gave|given|provided|scanned|submitted|took|taken|recorded|uploaded|set\s+up"
    r"|saved|stored|added|collected|captured)\s+(?:my|his|her|our)\s+(?:finger\s*prints?|thumbprints?|face"
    r"|iris(?:es)?"
    r"|retinas?|voice(?:print)?|palm|facial|biometrics?|DNA)\b",
    r"\b(?:(?:my|his|her|our)\s+(?:\w+[’']s\s+)?|\w+[’']s\s+)(?:finger\s*prints?|thumbprints?|iris\s+scan"
    r"|retina\s+scan"
    r"|voiceprint|palm\s+(?:print|scan|vein))\b|\b(?:my|his|her)\s+(?:finger\s*prints?|thumbprints?|face\s+ID"
    r"|Face\s*ID|Touch\s*ID|iris\s+scan|retina\s+scan"
    r"|biometric\s+(?:data|passport|template|photo|profile)|facial\s+(?:scan|template|geometry|recognition\s+data)"
    r"|voiceprint|palm\s+(?:print|scan|vein))\b|\b(?:fingerprinted|fingerprints?\s+(?:were|was)\s+taken)\b",
    r"\b(?:enregistr\w*|relev\w*|pris|prendre|prend|donn\w*|scann\w*|fourni\w*|collect\w*|stock\w*|transmi\w*"
    r"|d[ée]pos\w*)\s+(?:mes|ses|son|sa|leurs?|nos|mon|ma)\s+(?:\w+\s+et\s+(?:mes|ses|nos|son|sa|ma"
    r"|mon)\s+)?(?:empreintes?|visage|iris|r[ée]tine|voix|donn[ée]es\s+biom[ée]triques"
    r"|paume)\b",
    r"\b(?:mes|ses|son|sa|nos)\s+(?:empreintes?\s+(?:digitales?|palmaires?)|donn[ée]es\s+biom[ée]triques|gabarit"
    r"\s+(?:facial|biom[ée]trique)|scan\s+(?:de\s+l[’']iris|facial|r[ée]tinien))\b|\bempreintes?\s+digitales?\b"
    r"|\bempreintes?\s+(?:du\s+r[ée]seau\s+veineux|veineuses?|palmaires?|vocales?|faciales?|de\s+l[’']iris|de\s+la\s+main"
    r"|r[ée]tiniennes?|de\s+(?:son|mon|ma|sa)\s+(?:pouce|doigt|main|visage))\b|\bg[ée]om[ée]trie\s+de\s+la\s+main\b",
)

CRIMINAL = (
    r"\b(?:convicted|sentenced|jailed|imprisoned|incarcerated|indicted|acquitted|remanded|arrested|detained"
    r"|prosecuted|fined)\b(?!\s+(?:persons?|people|offenders|criminals))|\bcharged\s+with\b|\bpleaded\s+(?:guilty"
    r"|not\s+guilty)\b|\bfound\s+(?:guilty|not\s+guilty)\b|\bcriminal\s+(?:record|conviction|past)\b",
    r"\b(?:on|out\s+on)\s+(?:probation|parole|bail)\b|\breleased\s+from\s+(?:prison|jail)\b|\b(?:served|did|doing"
    r"|serving|spent|spend|spends|spending)\s+(?:\w+\s+){0,3}(?:years?|months?|time|a\s+sentence"
    r"|a\s+stretch)(?:\s+\w+){0,2}\s+(?:in\s+)?"
    r"(?:prison|jail|behind\s+bars)\b|\bserv(?:ed|ing)\s+(?:a\s+)?(?:\w+\s+){0,2}(?:prison\s+|jail\s+)?sentence\b"
    r"|\b(?:ex-con|ex-convict|former\s+inmate|sex\s+offender\s+register)\b|\bpolice\s+caution\b"
    r"|\bserv(?:ing|ed|es)\s+(?:\w+\s+){0,2}(?:years?|months?|weeks?)\s+(?:for|in)\b|\b(?:got|received|given|issued|accepted)"
    r"\s+(?:a|an)\s+(?:police\s+|formal\s+|conditional\s+)?(?:caution|ASBO|suspended\s+sentence|community\s+order)\b"
    r"|\b(?:done|nicked|busted|pulled\s+in|locked\s+up|banged\s+up|booked)\s+for\b|\bcaught\s+(?:shoplifting|stealing"
    r"|dealing|drink[- ]driving|speeding)\b",
    r"\bcondamn[ée]e?s?\b|\bmise?s?\s+en\s+examen\b|\bincarc[ée]r[ée]e?s?\b|\b[ée]crou[ée]e?s?\b"
    r"|\bemprisonn[ée]e?s?\b|\binculp[ée]e?s?\b|\binterpell[ée]e?s?\b|\bd[ée]f[ée]r[ée]e?s?\b|\brelax[ée]e?s?\b"
    r"|\breconnue?s?\s+coupables?\b|\bcasier\s+judiciaire\b|\b(?:plac[ée]e?|[ée]t[ée]"
    r"|en)\s+(?:en\s+)?garde\s+[àa]\s+vue\b"
    r"|\bd[ée]tention\s+provisoire\b|\bcontr[ôo]le\s+judiciaire\b|\bbracelet\s+[ée]lectronique\b"
    r"|\bsortie?\s+de\s+prison\b|\bprison\s+(?:ferme|avec\s+sursis)\b|\bpoursuivie?s?\s+pour\b",
    r"\b(?:fait|faite|purg[ée]|pass[ée]|pris|passe|purge)\s+(?:\w+\s+){0,3}(?:ans?|mois|ann[ée]es)\s+(?:de\s+prison"
    r"|en\s+prison|ferme|derri[èe]re\s+les\s+barreaux)\b|\b(?:a|ai|as|avait|avais)\s+fait\s+de\s+la\s+prison\b"
    r"|\barr[êe]t[ée]e?s?\s+(?:pour|par\s+la\s+police)\b|\b(?:[ée]t[ée]|fait|faite|s[’']est\s+fait)\s+arr[êe]t[ée]e?s?\b"
    r"|\bpurg(?:e|es|ent|eait|[ée]|er)\s+(?:\w+\s+){0,2}(?:ans?|mois|ann[ée]es|une\s+peine)\b|\brappel\s+[àa]\s+la\s+loi\b"
    r"|\bpris\s+(?:en\s+flagrant\s+d[ée]lit|pour\s+(?:vol|trafic|violences?|conduite))\b",
)

SCHOOL = (
    r"\b(?:[ée]l[èe]ve|[ée]cole|coll[èe]ge|lyc[ée]e|maternelle|scolaris[ée]e?|classe\s+de|en\s+(?:CP|CE[12]|CM[12]"
    r"|(?:6|5|4|3)e|sixi[èe]me|cinqui[èe]me|quatri[èe]me|troisi[èe]me|seconde|premi[èe]re|terminale)"
    r"|(?-i:CP|CE1|CE2|CM1|CM2)|school|pupil|kindergarten|nursery|(?:year|grade)\s+\d{1,2}|class\s+of|academy"
    r"|primary|reception|elementary|(?:middle|high)\s+school|habite|vit\s+(?:au|rue|avenue|[àa])|domicili[ée]e?|rue"
    r"|avenue|boulevard|lives\s+(?:at|on|in)|street|road|drive|close|lane|infant|grande\s+section|moyenne\s+section"
    r"|petite\s+section|turned|turns|(?:a|ont)\s+eu|f[êe]te\s+ses|f[êe]tent\s+leurs)\b"
)
AGE_MINOR = (
    r"(?:\((?:[1-9]|1[0-7])\s*[,)]|\b(?:turned|turns|eu|f[êe]tent\s+leurs|f[êe]te\s+ses)\s+(?:[1-9]|1[0-7])\b|\b(?:[1-9]|1[0-7])\s*(?:ans|an)\b|\b(?:[1-9]|1[0-7])[- ](?:year|yr)s?[- ]old\b|,\s*(?:[1-9]|1[0-7]),"
    rf"|\b(?:{CHILD_RELATIONS})\b|\b(?:b[ée]b[ée]|petite?\s+(?:fille|gar[çc]on)|fillette|gar[çc]onnet|toddler"
    r"|teenager|ado(?:lescente?)?|mineure?|minor))"
)

# --- Prefilter: a sentence is matched against a category only if one of its words starts with one of these
# (words shorter than four letters must match whole). Every construction above holds at least one.
KEYWORDS = {
    "health": """attein grosses rechut trith psycho diagno suffer souffr positi séropo seropo cancer diabet diabèt
        diabét autis hiv aids sida vih
        depres dépres bipol schizo epilep épilep sclero scléro parkin alzhei dement démen adhd tdah leuk leuc lymph
        tumo tume stroke heart avc infarc miscar fausse ivg avort abort anorex bulim boulim eating ptsd ocd hepat
        hépat crohn lupus covid cystic mucovi sickle drépan drepan cerebr syndro trisom dyslex herp chlamy syphil
        gonorr hpv psoria endom infert stéril steril addict addic asthm mental chroni anxi panic insomn disab
        handic breakd nervou disea illnes condit tuberc tb arthri migrai pregna expecting blind deaf sourd aveugl
        paraly parapl quadri tétra tetra amput alcoh alcool toxico remiss rémiss termin rehab chemo chimio dialy
        transpl sectio hospit admitt therap thérap wheelc antide antid insulin methad méthad lithi antire prep
        antips prozac zoloft xanax ritali lexapr sertra fluoxe citalo truvad mastec hyster radiot surger ivf
        seizu psychi oncol medica relaps suicid sober encein arrêt arret traite anxiol neurol malad psy rémis cure
        opér oper burn trouble phobi crise attack inter ms sick diagnos
        remet remis replac bypass caesa conc failur kidney liver off""",
    "sexual_orientation": """gay gai gaie lesbi bisex bi queer trans nonbin binai binary pansex asex homos homo came
        coming
        transit hrt hormon sexual sexuel orient open polya poly couple tant""" ,
    "religion": """conver muslim musulm cathol jew jewish juif juive christ chrét chret buddh boudd hindu hindou
        sikh atheis athé athe agnos protes mormon jehov jéhov evang évang ortho baptis bapti method anglic quaker
        scient pagan païen paien wicca mosq synag mass messe church égli egli temple gurdw hijab heads niqab burqa
        kippa yarmul turban voile foulard ramad sabbat shabb faith foi religi mitzva pray practi pratiq fervent
        devout observ born yes oui life""" ,
    "politics": """vot member membre adhér adher milit activi canvas volunt campai suppor sympat donat joined
        rejoin encart card carte ballot rn lfi ps lr eelv pcf npa udi modem snp ukip dup gop afd maga rassem front
        insoum social républ republ renais écolo ecolo reconq commun lutte horizo labour conser tory tories lib
        liber reform green democr démocr sinn trump biden harris macron pen mélen melen zemmo bardel gauche droite
        extr anarch fasci far left right royal identi antifa party parti brexit plaid scott debout donne verse
        gives gave givin contri chair secre treas presi offic organ agent respo anima section fédér feder comit""" ,
    "union": """délég deleg syndi représ repres élu elu élue elue cse adhér adher milit membre member encart shop
        stewar union rep joined cgt cfdt fo sud cftc unsa fsu snes cfe unite unison gmb rmt neu uaw seiu afl tuc
        teams force solida activ conven organi cnt snuipp sgen rcn cwu pcs ucu nasuwt nut eis fbu aslef bma nuj
        usdaw balpa royal secre chair offic treas quit left leave leavi quitt démis demis prend pris carte cotis
        piquet collec gather union man""" ,
    "ethnic_origin": """origin issu immig noir arabe rom tsigan gitan métis metis kabyl berb beur rebeu maghr renoi
        black asiat sinti manouc yenish descen herit ancest backg extrac ethni race roots roma romani gypsy travel
        afric hispa latin asian kurd mixed biraci abori indig nativ māori maori first pakist bangla somal uyghu
        half part quar brown arab roms tant racis ashké ashke ashk sépha sepha""" ,
    "genetic": """23andme ancest myheri brca brca1 brca2 apoe apoe4 htt mthfr dna adn genet génét genom génom
        pater carr mutat gene gène genes gènes huntin cystic sickle lynch faulty inheri sequen séque sequé dépist
        depist analys porteu profil marke exome karyo carri fragil tay marfan haemo hemoc klinef turner duche
        spina varia allel test résul resul mucov drépa hémoc myopa""" ,
    "biometric": """finger thumb iris retin rétin voice voix palm paume facial face biome biomé dna empre visag
        gabar scan scann geome templ print veine veineux réseau reseau id touch thumb hand eye eyes""" ,
    "criminal": """convic senten jail impris incarc indict acquit remand arrest detain prosec fined charge plead
        pleaded guilty crimin proba parol bail releas prison behin con inmate offend cautio condam examen écrou
        ecrou empris incul interp déféré défér defer relax coupab casier garde détent detent contrô contro bracel
        sorti poursu ferme barrea arrêt arret serv caution asbo suspe commu done nicked busted pulled locked
        banged booked caught purg rappel pris été fait faite""" ,
    "minors": """élève eleve élèv elev école ecole collè colle lycée lycee matern scolar classe cp ce1 ce2 cm1 cm2
        6e 5e 4e 3e sixiè cinqu quatr troisi second premi termin school pupil kinder nurser year grade class
        academ habit vit domic rue avenue boulev lives street road primary drive close lane infant section turned
        turns eu fête fete fêtent""" ,
}

# --- The broad rule: a strong person anchor and a category's condition term in the same sentence -------------
# Terms are specific to their category ("lupus", "did time", "CGT"), never generic ("health", "law"): with the
# writer or a named person next to them, they are that person's data however the sentence is worded.

NATIONALITIES = (
    r"marocaine?|alg[ée]rienne?|tunisienne?|s[ée]n[ée]galaise?|malienne?|ivoirienne?|camerounaise?|congolaise?"
    r"|comorienne?|turque?|kurde|vietnamienne?|cambodgienne?|chinoise?|pakistanaise?|indienne?|portugaise?"
    r"|polonaise?|roumaine?|arm[ée]nienne?|libanaise?|syrienne?|ha[ïi]tienne?|antillaise?|r[ée]unionnaise?"
    r"|africaine?|asiatique|maghr[ée]bine?|arabe|juive|kabyle|berb[èe]re|[ée]trang[èe]re|immigr[ée]e?|italienne?"
    r"|espagnole?|malgache|guin[ée]enne?|mauritanienne?|[ée]gyptienne?|iranienne?|afghane?|tch[ée]tch[èe]ne"
    r"|Moroccan|Algerian|Tunisian|Senegalese|Malian|Nigerian|Ghanaian|Somali|Ethiopian|Eritrean|Jamaican"
    r"|Pakistani|Bangladeshi|Indian|Punjabi|Tamil|Vietnamese|Filipino|Filipina|Chinese|Korean|Japanese|Turkish"
    r"|Kurdish|Syrian|Lebanese|Iranian|Afghan|Polish|Romanian|Irish|Mexican|Puerto\s+Rican|Haitian|Caribbean"
)
ETHNIC_TERMS = (
    r"(?-i:Black(?!\s+(?:Friday|Sea|Forest|Mirror|Death|Sabbath|Panther|Country|Isle|Hills|Label|Widow|Box))"
    r"|Roma|Romani|Roms?|Gypsy|Gypsies|Travellers?|Arab|Hispanic|Latina|Latino|Latinx|Berber|Kabyle|Uyghur"
    r"|Hmong|Aboriginal|Indigenous|M[āa]ori|Sinti|Yenish|POC|(?:half|quarter)[- ][A-Z]\w+)"
    r"|black\s+(?:woman|man|guy|girl|boy|family|kid|person|mum|mom|dad)|brown\s+(?:woman|man|girl|boy|kid|person)"
    r"|mixed[- ]race|biracial|multiracial|people\s+of\s+colou?r|roms|tsiganes?|gitane?s?|manouches?|m[ée]tiss?e?s?"
    r"|(?:femme|homme|mec|fille|gars|gar[çc]on|personne|famille|m[èe]re|p[èe]re)\s+(?:noire?|arabe|racis[ée]e)"
    r"|maghr[ée]bine?s?|rebeus?|beurs?|beurettes?|renois?|kabyles?|berb[èe]res?|racis[ée]e?s?|ashk[ée]naze"
    rf"|s[ée]pharade|d[’']origines?\s+(?:{NATIONALITIES})|(?:mes|ses|nos|leurs)\s+origines"
    rf"|origines?\s+(?:\w+\s+)?(?:{NATIONALITIES})|of\s+(?:\w+\s+){{0,2}}(?:descent|heritage|ancestry|extraction)"
    r"|of\s+(?-i:[A-Z]\w+)\s+origin|(?:immigr[ée]e?s?|r[ée]fugi[ée]e?s?|sans-papiers|immigrants?|refugees?"
    r"|asylum\s+seekers?)\s+(?:from|du|de|des|d[’'])|(?:fled|fui)\w*\s+(?:\w+\s+){0,3}(?:as\s+an?\s+)?"
    r"(?:refugees?|r[ée]fugi[ée]e?s?)"
)
ETHNIC_IDENTITY = (  # a nationality as an identity: "I'm Nigerian", "ma mère est portugaise"
    r"\b(?:i[’']m|i\s+am|we[’']re|we\s+are|je\s+suis|nous\s+sommes|(?:" + RELATIONS_EN + "|" + RELATIONS_FR
    + r")s?\s+(?:is|was|are|were|est|[ée]tait|sont))\s+(?:half[- ]|moiti[ée]\s+|a\s+proud\s+)?(?:"
    + NATIONALITIES + r")\b(?!\s+(?:food|cuisine|restaurant|car|made|style|dish|plat|voiture))"
)

BROAD = {
    "health": (
        r"(?-i:MRI|IRM|AVC|HIV|VIH|STI|IST|PTSD|TSPT|OCD|TOC|ADHD|TDAH|SSRIs?|AA|CMPP?|MDPH|ICU|A&E|IVF|FIV|PMA|IVG)"
        r"|cancers?|tumou?r|tumeur|leuka?emia|leuc[ée]mie|lymphoma|melanoma|chemo\w*|chimio\w*|radiotherapy"
        r"|radioth[ée]rapie|biops(?:y|ie)|lupus|diabet\w*|diab[èe]t\w*|insulin\w*|asthm\w*|epilep\w*|[ée]pilep\w*"
        r"|seizures?|crises?\s+d[’'](?:[ée]pilepsie|angoisse|panique)|migraines?|fibromyalgi\w*|endometriosis"
        r"|endom[ée]triose|Crohn[’']?s?|colitis|multiple\s+sclerosis|scl[ée]rose|Parkinson[’']?s?|Alzheimer[’']?s?"
        r"|dementia|d[ée]mence|(?:a|had|minor|major|mini)\s+stroke|infarctus|heart\s+attack|arrhythmia|pacemaker"
        r"|dialysis|dialyse|transplant\w*|greff[ée]e?|greffe\s+(?:de|du|d[’'])\s*(?:rein|foie|c(?:œ|oe)ur|poumon"
        r"|moelle|corn[ée]e)|stoma|sida|hepatitis|h[ée]patite|herpes|herp[èe]s|chlamydia|syphilis|long\s+covid"
        r"|covid\s+long|depress(?:ion|ed)|d[ée]pression|d[ée]prime|d[ée]prim[ée]e?|burn-?out|anxiety|anxi[ée]t[ée]"
        r"|panic\s+attacks?|autis\w*|asperger\w*|dyslexi\w*|dyspraxi\w*|bipolar|bipolaire|schizo\w*|psychos[ei]s?"
        r"|anorexi\w*|bulimi\w*|boulimi\w*|eating\s+disorder|self[- ]harm\w*|suicidal|suicid\w*|scarification"
        r"|antidepressants?|antid[ée]presseurs?|anxiolytiques?|sertraline|prozac|zoloft|xanax|ritalin|lexapro"
        r"|citalopram|fluoxetine|methadone|m[ée]thadone|lithium|meds|m[ée]docs|m[ée]dicaments|painkillers|opioids?"
        r"|rehab|sober|sobri[ée]t[ée]|relapse\w*|rechute|alcoholi\w*|alcoolique|alcoolisme|addict\w*|toxicomane"
        r"|therapy|therapist|th[ée]rapie|psychiatr\w*|p[ée]dopsy\w*|psy|psychologue|psychologist|counsell?ing"
        r"|orthophonist\w*|speech\s+therapy|wheelchair|fauteuil\s+roulant|crutches|b[ée]quilles|hospitali[sz]\w*"
        r"|in\s+hospital|(?:admitted|rushed)\s+to\s+(?:hospital|A&E|the\s+ER|ICU|the\s+hospital)|aux\s+urgences"
        r"|(?:psych|psychiatric|maternity|cancer|mental\s+health)\s+ward|r[ée]animation|soins\s+intensifs|surgery"
        r"|op[ée]r[ée]e?\s+(?:du|de\s+la|des|d[’']|de\s+l[’'])|(?:broke|broken|fractured)\s+(?:my|his|her|a|the)\s+"
        r"(?:arm|leg|wrist|ankle|hip|collarbone|ribs?|nose|back|neck|foot|hand)|fractur\w*|cass[ée]\s+(?:le|la|les)"
        r"\s+(?:bras|jambe|cheville|poignet|hanche|col|c[ôo]tes?|nez|dos|pied|main)|pregnan\w*|enceinte|grossesse"
        r"|miscarri\w*|fausse\s+couche|abortion|avort\w*|infertil\w*|st[ée]rilit[ée]|menopaus\w*|m[ée]nopaus\w*"
        r"|allerg\w*|coeliac|celiac|coeliaque|(?:lactose|gluten)\s+intoleran\w*|intol[ée]ran\w*\s+au"
        r"|disabilit\w*|(?:am|is|was|are)\s+disabled|disabled\s+(?:since|from|child|son|daughter|veteran|badge)"
        r"|handicap[ée]e?|handicap\s+(?:mental|moteur|psychique|invisible)|(?:am|is|was|went|going|gone|legally"
        r"|partially|suis|est|devenue?)\s+(?:blind|aveugle)|deaf|sourde?|malentendante?|paraly\w*|amput\w*"
        r"|diagnosed|diagnosis|diagnostiqu[ée]e?|sick\s+(?:leave|note)|arr[êe]t\s+maladie|(?:off|signed\s+off)\s+sick"
        r"|prescri(?:bed|ption)|prescrit"
    ),
    "religion": (
        r"(?-i:Islam|Muslim|Christian|Christianity|Catholic|Protestant|Evangelical|Orthodox|Jewish|Judaism|Jew"
        r"|Buddhist|Buddhism|Hindu|Hinduism|Sikh|Mormon|LDS|Quaker|Anglican|Baptist|Methodist|Pentecostal|Adventist"
        r"|Wiccan|Pagan|Ramadan|Eid|Shabbat|Sabbath|Lent|Hajj|Mecca|Torah|Quran|Koran|Bible|Jehovah)"
        r"|musulman\w*|catholique|protestante?|[ée]vang[ée]lique|juif|juive|juda[ïi]sme|chr[ée]tien\w*"
        r"|bouddhis\w*|hindou\w*|sikhs?|mormone?s?|t[ée]moins?\s+de\s+J[ée]hovah|ath[ée]e?s?|atheists?|agnosti\w*"
        r"|ramadan|car[êe]me|a[ïi]d|shabbat|sabbat|kippa|kippah|yarmulke|hijab|niqab|burqa|burkini|turban|voil[ée]e"
        r"|(?:porte|porter|portait|mettre|mets|met|enlever|retir\w+)\s+le\s+voile|headscarf"
        r"|pray(?:s|ed|ing)?|(?<!thoughts\sand\s)prayers?|pri[èe]res?|prie|prions|priais|mosque|mosqu[ée]e|synagogue"
        r"|gurdwara|temple|church|[ée]glise|chapel|chapelle|(?:to|at|attend\w*|Sunday|midnight)\s+mass|la\s+messe"
        r"|fasting\s+for|fast\s+for\s+(?:Ramadan|Lent|Yom)|je[ûu]ne|je[ûu]ner|kosher|casher|halal|baptis\w*"
        r"|bapt[êe]me|bar\s+mitzvah|bat\s+mitzvah|communion|catechism|cat[ée]chisme|rosary|chapelet"
        r"|(?:my|his|her|our|ma|sa|notre)\s+(?:faith|foi)|lost\s+(?:my|his|her)\s+faith|imam|rabbi|rabbin|pastor"
        r"|priest|pr[êe]tre|born[- ]again|p[èe]lerinage|pilgrimage"
    ),
    "politics": (
        r"(?-i:Labour|Tory|Tories|Conservatives?|Lib\s+Dems?|Liberal\s+Democrats?|Reform\s+UK|Green\s+Party"
        r"|Greens|SNP|Plaid|UKIP|Brexit\s+Party|Democrats?|Democratic\s+Party|Republicans?|GOP|MAGA|DSA|AfD"
        r"|RN|FN|LFI|PCF|NPA|EELV|UDI|MoDem|Reconqu[êe]te|Verts|Insoumis|Insoumise|LR)"
        r"|(?:au|du|le|pour\s+le|the)\s+(?-i:PS)\b|rassemblement\s+national|front\s+national|france\s+insoumise"
        r"|insoumise?s?|r[ée]publicains|lutte\s+ouvri[èe]re|parti\s+(?:socialiste|communiste|pirate|animaliste)"
        r"|macronist\w*|m[ée]lenchonist\w*|lep[ée]nist\w*|zemmourist\w*|trumpist\w*|communist\w*|communiste"
        r"|socialist\w*|socialiste|anarchist\w*|anarchiste|trotskyst\w*|trotskist\w*|libertarian|marxist\w*"
        r"|marxiste|far[- ](?:right|left)|extr[êe]me[- ](?:droite|gauche)|gauchiste|facho|antifa|royaliste"
        r"|(?:voted|vote|votes|voting|vot[ée])\s+(?:blanc|nul|(?-i:Leave|Remain))"
        r"|ballot|canvass\w*|tracts?\s+(?:pour|du|de|for)|distribu\w+\s+des\s+tracts|door[- ]knocking"
        r"|party\s+(?:member|card|membership)|carte\s+(?:du|au)\s+parti"
    ),
    "union": (
        r"(?-i:CGT|CFDT|FO|SUD|CFTC|UNSA|FSU|SNES|SNUipp|SGEN|CNT|CFE-CGC|Solidaires|Unite|Unison|UNISON|GMB|RMT"
        r"|NEU|UAW|SEIU|AFL-CIO|Teamsters|RCN|UCU|CWU|BMA|NUJ|Usdaw|USDAW|NASUWT|FBU|ASLEF|TUC|IWW|CSE)"
        r"|syndiqu\w*|syndical\w*|syndicat(?!\s+(?:de\s+copropri|des\s+eaux|mixte|intercommunal|d[’']initiative"
        r"|de\s+communes|d[’']agglom))s?|d[ée]l[ée]gu[ée]e?\s+du\s+personnel|shop\s+steward|union\s+(?:rep|card"
        r"|dues|member\w*|branch|steward|meeting|official|organi[sz]er)|(?:the|my|our|a|joined\s+the|in\s+the)\s+"
        r"(?-i:union)\b(?!\s+(?:of|europ|jack))|cotisation\s+syndicale|picket\s*line|picketing|on\s+the\s+picket"
        r"|piquet\s+de\s+gr[èe]ve"
    ),
    "ethnic_origin": ETHNIC_TERMS + "|" + ETHNIC_IDENTITY[2:],
    "genetic": (
        r"(?<!in\smy\s)(?<!in\sour\s)(?<!in\stheir\s)(?<!in\shis\s)(?<!in\sher\s)(?<!dans\smon\s)(?<!dans\sson\s)"
        r"(?<!dans\snotre\s)(?<!dans\sleur\s)(?:DNA|ADN)|genetic\w*|g[ée]n[ée]tique|genes?|g[èe]nes?|genom\w*"
        r"|g[ée]nom\w*|exome|(?<!ma\s)(?<!sa\s)(?<!de\s)(?<!ta\s)mutations?(?!\s+(?:professionnelle|[àa]|vers|dans"
        r"|au|aux|interne|d[’']office))|carrier\s+(?:of|status|test)|porteu(?:r|se)\s+(?:sain|saine|d[’']une?\s+"
        r"(?:mutation|g[èe]ne|anomalie))|chromosom\w*|karyotyp\w*|caryotyp\w*|23andMe|AncestryDNA|MyHeritage"
        r"|BRCA\w*|Huntington\w*|hereditary|h[ée]r[ée]ditaire|paternity\s+test|test\s+de\s+paternit[ée]"
    ),
    "biometric": (
        r"finger\s*prints?|thumb\s*prints?|fingerprinted|Face\s*ID|Touch\s*ID|facial\s+(?:recognition|scan\w*)"
        r"|face\s+scan\w*|scann\w+\s+(?:my|his|her|our)\s+face|iris\s+(?:scan\w*|recognition)|retina\w*\s+scan\w*"
        r"|voice\s*prints?|voice\s+(?:ID|recognition|biometrics)|palm\s+(?:print|vein|scan)\w*|biometric\w*"
        r"|biom[ée]tri\w*|empreintes?\s+(?:digitales?|vocales?|palmaires?|faciales?|de\s+(?:mon|son|ma|sa)\s+\w+)"
        r"|reconnaissance\s+(?:faciale|vocale|de\s+l[’']iris)|scan\s+(?:facial|de\s+l[’']iris|r[ée]tinien)"
    ),
    "criminal": (
        r"(?-i:GAV|TIG|DUI|DWI|SPIP)|prison|prisoner|jail\w*|gaol|inmate|behind\s+bars|locked\s+up\s+for|banged\s+up"
        r"|did\s+time|doing\s+time|convicted|(?:criminal|previous|prior|past|spent|unspent|drugs?|drink[- ]driving)"
        r"\s+convictions?|(?<!cardiac\s)arrested|charged\s+(?:with|over|after)|criminal\s+record|police\s+record"
        r"|(?:have|has|had|got)\s+a\s+(?:criminal\s+)?record\s+for|cautioned\s+(?:for|by)|police\s+caution"
        r"|probation\s+(?:officer|order|service)|(?:on|put\s+on)\s+probation\s+for|parole|on\s+bail|bailed"
        r"|ankle\s+(?:tag|monitor)|electronic\s+tag|tagged\s+for|sentenced|suspended\s+sentence|pleaded\s+guilty"
        r"|plea\s+deal|felon\w*|misdemeanou?r|in\s+custody|police\s+custody|mugshot|court\s+(?:date|case)\s+for"
        r"|magistrates|crown\s+court|community\s+(?:service|order)\s+for|shoplift\w*|burglar\w*|assault\s+charge"
        r"|drink[- ]driving\s+ban|taule|zonzon|en\s+cabane|d[ée]tenue?s?(?!\s+par)|incarc[ée]r\w*|[ée]crou[ée]e?s?"
        r"|condamn[ée]e?s?|casier\s+(?:judiciaire|vierge|charg[ée])|garde\s+[àa]\s+vue|interpell[ée]e?s?\s+(?:par"
        r"\s+la\s+police|pour|en|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|menott[ée]e?s?"
        r"|mise?\s+en\s+examen|sursis|travaux\s+d[’']int[ée]r[êe]t\s+g[ée]n[ée]ral|bracelet\s+[ée]lectronique"
        r"|tribunal\s+correctionnel|comparution|compara[îi]t(?:re)?\s+(?:devant|pour)|perp[ée]tuit[ée]"
        r"|juge\s+d[’']application|arr[êe]t[ée]e?s?\s+(?:par|pour)|plac[ée]e?\s+en\s+d[ée]tention"
        r"|pris\s+en\s+flagrant|plainte\s+contre\s+(?:moi|lui|elle|mon|ma)"
    ),
}

# A named child (the writer's or someone's), with an age or a school: a minor's identifying data.
CHILD_NAMED = (
    r"\b(?:my|our|mon|ma|notre|nos|mes)\s+(?:(?:little|youngest|eldest|oldest|middle|petite?|grande?|a[îi]n[ée]e?"
    rf"|cadette?|benjamine?)\s+)?(?:{CHILD_RELATIONS}|kids?|children|enfants?|twins|jumeaux|jumelles|loulou|puce"
    rf"|grandson|granddaughter|step(?:son|daughter)|b[ée]b[ée]|baby)s?\s*,?\s*(?-i:{CAP})"
)
CHILD_CONTEXT = (
    r"\b(?:(?:[1-9]|1[0-7])\s*(?:ans|an|years?|yrs?|yo|mois|months)\b|(?:[1-9]|1[0-7])\)|(?:[1-9]|1[0-7])\s*,"
    r"|(?:turned|turns|f[êe]te\s+ses|aura|vient\s+d[’']avoir)\s+(?:[1-9]|1[0-7])\b"
    r"|school|nursery|daycare|preschool|kindergarten|year\s+\d|grade\s+\d|[ée]cole|maternelle|cr[èe]che|coll[èe]ge"
    r"|lyc[ée]e|(?-i:CP|CE1|CE2|CM1|CM2)|(?:6|5|4|3)e|sixi[èe]me|cinqui[èe]me|classe\s+de)"
)

# Guards of the broad rule: general statements, advice, institutions, statistics and stories.
BROAD_GENERIC = (
    r"(?<!\w)(?:people|patients|persons|individuals|those\s+(?:who|with)|anyone|anybody|everyone|everybody|someone"
    r"|somebody|one\s+in|whoever|les\s+gens|la\s+plupart|beaucoup\s+de|ceux|celles|quiconque"
    r"|on\s+(?:peut|doit|dit|sait|devrait|estime|consid[èe]re|appelle|parle|compte)|if|unless|whether|suppose"
    r"|imagine|si(?=\s+(?:je|j[’']|tu|vous|on|votre|ton|ta|vos|un|une|le|la|les|mon|ma|mes))|s[’']ils?"
    r"|au\s+cas\s+o[ùu]|how\s+to|how\s+do|how\s+can|comment\s+(?:faire|savoir|obtenir|reconna[îi]tre|aider|g[ée]rer)"
    r"|what\s+(?:is|are|happens)|qu[’']est-ce\s+qu)\b"
)
BROAD_INSTITUTIONAL = (
    r"\b(?-i:WHO|HAS|OMS|INSEE|CNIL)\b|(?<!\w)(?:study|studies|survey|according\s+to"
    r"|research\w*|statisti\w*|data\s+show|prevalence|incidence|loi|(?<!-)law|article|d[ée]cret|decree"
    r"|regulation|r[ée]glement|[ée]tude|enqu[êe]te|sondage|selon\s+(?:une?|les?|la|l[’'])|ministry|minist[èe]re"
    r"|guidelines?|recommandations?|policy)\b"
)
BROAD_STORY = (
    r"(?<!\w)(?:film|movie|series|s[ée]rie|episode|[ée]pisode|novel|book|livre|roman|fiction\w*|fictive?"
    r"|character|personnage|protagonist|h[ée]ro[ïi]ne|heroine|actor|actress|acteur|actrice|podcast|documentary"
    r"|documentaire|biography|biographie)\b"
)
# "I" and "my" that do not introduce the writer's own data: reading, writing, asking, opinions, one's trade.
BROAD_IDIOMS = (
    r"(?<!\w)(?:(?:tell|show|teach|help|ask|remind|excuse|join|follow|contact|email|call)\s+me|let\s+me|with\s+me"
    r"|i[’']m\s+(?:reading|watching|listening\s+to|writing)|(?:works?|working|worked|travaill\w+|bosse)\s+"
    r"(?:at|in|on|for|[àa]|au|aux|en|dans)\s+(?:l[’']|la\s+|le\s+|the\s+|an?\s+)?\w+(?:\s+(?:en\s+)?\w+)?"
    r"|to\s+me|i\s+(?:see|treat|meet|read|learned|learnt|saw|watched|wrote|write|covered|interviewed|studied|study"
    r"|researched|teach|taught|recommend|suggest|think|believe|feel\s+that|wonder|explain|argue|guess|hope|wish"
    r"|love|like|hate|mean|found\s+(?:this|an?)|came\s+across|will|would|can|could)|my\s+(?:opinion|view|take"
    r"|article|post|blog|thesis|research|book|guide|review|column|question|answer|job|work|students?|patients"
    r"|clients|readers|followers|favou?rite)|in\s+my\s+(?:experience|opinion|view)|(?:i[’']m|i\s+am|as)\s+an?\s+"
    r"(?:nurse|doctor|GP|surgeon|psychiatrist|psychologist|therapist|pharmacist|teacher|lawyer|solicitor"
    r"|barrister|police\s+officer|journalist|researcher|historian|priest|imam|rabbi)|je\s+suis\s+(?:infirmi\w+"
    r"|m[ée]decin|chirurgien\w*|psychiatre|psychologue|pharmacien\w*|th[ée]rapeute|orthophoniste|avocate?"
    r"|journaliste|chercheu\w+|historien\w*|policier\w*|enseignante?|professeure?|prof)|dites-moi|aidez-moi"
    r"|expliquez-moi|[àa]\s+mon\s+avis|selon\s+moi|pour\s+moi|chez\s+moi|ma\s+foi|mon\s+dieu"
    r"|j[’'](?:ai\s+lu|ai\s+vu|ai\s+appris|ai\s+regard[ée]|ai\s+[ée]crit|ai\s+interview[ée]|imagine|esp[èe]re)"
    r"|je\s+(?:pense|crois|trouve|recommande|conseille|vous|lis|regarde|cherche|me\s+demande|vois|soigne"
    r"|re[çc]ois)|mon\s+(?:avis"
    r"|article|blog|livre|m[ée]moire|travail|m[ée]tier)|ma\s+(?:th[èe]se|question|r[ée]ponse|patient[èe]le))\b"
)
# A personal statement that keeps a question personal: "I'm pregnant, can I still fly?"
PERSONAL_STATEMENT = (
    r"\b(?:i[’']m|i\s+(?:am|was|have|had|got|did|get)|i[’']ve|i[’']d|we[’']re|we\s+are"
    r"|my\s+\w+\s+(?:is|was|has|had|got|did)"
    r"|je\s+suis|j[’'](?:ai|[ée]tais|avais)|(?:mon|ma)\s+\w+\s+(?:est|a|[ée]tait|avait))\b"
)
ADVICE_QUESTION = (
    r"^\W*(?:how|what|which|where|when|why|can|could|should|is|are|does|do|will|would|any|anyone|comment|quel"
    r"|quelle|quels|quelles|o[ùu]|pourquoi|faut-il|peut-on|est-ce|puis-je|dois-je|y\s+a-t-il)\b"
)
# Capitalised words of institutions and places, which make two capitalised words a name but not a person's.
INSTITUTION_WORDS = frozenset(
    """Commission Committee Council Office Service Services Agency Authority Board Bank Trust Group Association
    Foundation Society League Federation Fédération Church Chapel Mosque Temple Synagogue Cathedral Hospital Clinic
    Centre Center College Academy Club Company Corporation Ltd Inc Council Conseil Comité Agence Autorité Banque
    Société Ligue Mairie Préfecture Assemblée Sénat Senate Parliament Parlement Congress Department Département
    Region Région County City Ville Town Village Street Road Avenue Lane Park Parc Station Gare Airport Aéroport
    Prison Police Gendarmerie Party Parti Movement Mouvement Front Alliance Coalition Labour Democrats Republicans
    Conservative Conservatives Greens Reform Unite Unison Teamsters Times Post Guardian Journal News Monde Figaro
    Libération Express Tribune Herald Review Magazine Press Presse Radio Television Télévision BBC CNN Lives Matter
    Black White Brown Red Blue Green Day Days Week Year Act Bill Law Loi Code Convention Declaration Charter""".split()
)
# Shares and rates: statistics, unless the writer states them about themselves ("we're 30% Irish").
BROAD_SHARE = r"%|\b(?:percent|per\s+cent|pour\s+cent)\b"
# Posts that drop the subject: "Back home after a week in hospital", "Rentrée de l'hôpital hier".
BROAD_IMPLICIT_FIRST = (
    r"^\W*(?:back\s+(?:home|at\s+work)|home\s+from|fresh\s+out\s+of|out\s+of|(?:\w+\s+){1,2}(?:weeks?|months?"
    r"|days?|years?)\s+(?:pregnant|sober|clean|post[- ]op|in)|(?:\w+\s+){1,3}(?:down|done)\b(?=.{0,40}\b(?:to\s+go"
    r"|left))|rentr[ée]e?s?\s+(?:de|du|[àa])|sortie?s?\s+(?:de|du)|de\s+retour\s+(?:de|du|[àa]))"
)
