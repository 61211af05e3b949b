"""Wire copies: six agency stories, each printed by three or four outlets.

Each outlet takes the agency text and edits it a little: its own headline, a
paragraph dropped or added, a typo fixed, the credit line moved, paragraphs
split or merged. All text is invented for the tests.
"""

from __future__ import annotations


def edit(base, drop=(), split=None, merge=None, replace=None, add=None, first_prefix="", last_suffix=None):
    """A copy of `base` (list of paragraphs) with one outlet's small edits.

    drop: indexes to leave out; split: {i: sentence count kept in the first half};
    merge: (i, j) paragraphs joined; replace: {i: text}; add: {after i: text} (-1: at the top);
    first_prefix: text put before the first paragraph (a dateline); last_suffix: an extra last paragraph.
    """
    replace = replace or {}
    add = add or {}
    out = []
    if -1 in add:
        out.append(add[-1])
    for i, p in enumerate(base):
        p = replace.get(i, p)
        if i in drop:
            continue
        if merge and i == merge[1]:
            out[-1] = out[-1] + " " + p
        elif split and i in split:
            sentences = _sentences(p)
            k = split[i]
            out += [" ".join(sentences[:k]), " ".join(sentences[k:])]
        else:
            out.append(p)
        if i in add:
            out.append(add[i])
    if first_prefix:
        out[0] = first_prefix + out[0]
    if last_suffix:
        out.append(last_suffix)
    return out


def _sentences(p):
    import re

    return [s for s in re.split(r"(?<=[.!?'”])\s+(?=[A-ZÇĞİÖŞÜÆØÅ„,‘'])", p) if s]


# --- w1: Anadolu Ajansı, earthquake in Göksun (event e1) ----------------------
W1 = [
    "Kahramanmaraş'ın Göksun ilçesinde saat 05.42'de 5,8 büyüklüğünde deprem meydana geldi. Afet ve Acil Durum Yönetimi Başkanlığı (AFAD), depremin yerin 9,4 kilometre derinliğinde gerçekleştiğini açıkladı.",
    "Kahramanmaraş Valisi Mehmet Sarıkaya, depremde 2 kişinin hayatını kaybettiğini, 47 kişinin yaralandığını bildirdi. Sarıkaya, yaralılardan 5'inin durumunun ağır olduğunu, diğerlerinin ise ayakta tedavi edildiğini söyledi.",
    "Vali Sarıkaya, ilçe merkezinde ve bağlı köylerde 11 binanın yıkıldığını belirterek, bu binaların büyük bölümünün 2023 depremlerinde hasar gördüğü için boşaltılmış yapılar olduğunu ifade etti. Enkaz altında kimsenin kalmadığı tespit edildi.",
    "AFAD, bölgeye 620 arama kurtarma personeli ile 140 araç sevk edildiğini duyurdu. Türk Kızılay ise Göksunda 1.200 çadır kurarak sıcak yemek dağıtımına başladı.",
    "Depremin ardından bölgede 38 artçı sarsıntı kaydedildi. Artçıların en büyüğü saat 06.19'da meydana gelen 4,1 büyüklüğündeki sarsıntı oldu.",
    "Kahramanmaraş Valiliği, Göksun ve Afşin ilçelerinde okulların 2 gün süreyle tatil edildiğini açıkladı. Deprem Adana, Kayseri, Malatya ve Adıyaman'da da hissedildi.",
    "İçişleri Bakanlığı, hasar tespit çalışmalarının sürdüğünü ve vatandaşların hasarlı binalara girmemesi gerektiğini hatırlattı.",
    "Bölgede elektrik ve doğal gaz kesintisi yaşanmadığı, Kahramanmaraş-Kayseri kara yolunda ulaşımın normal seyrinde devam ettiği bildirildi.",
]
W1_FIXED = W1[3].replace("Göksunda", "Göksun'da")

# --- w2: ANP, six more F-35s (event e2) ---------------------------------------
W2 = [
    "Nederland koopt zes extra F-35-gevechtsvliegtuigen. Dat heeft minister Ruben Aalders van Defensie dinsdag bekendgemaakt. Met de aankoop, die ongeveer 1,1 miljard euro kost, groeit de Nederlandse vloot tot 58 toestellen.",
    "Volgens Aalders is de uitbreiding nodig om te voldoen aan de nieuwe afspraken binnen de NAVO. ,,De veiligheidssituatie in Europa is fundamenteel veranderd. Wij moeten meer vliegtuigen tegelijk kunnen inzetten, en langer'', zei de minister in Den Haag.",
    "De toestellen worden naar verwachting in 2029 en 2030 geleverd door de Amerikaanse fabrikant Lockheed Martin. Ze worden gestationneerd op vliegbasis Volkel en vliegbasis Leeuwarden.",
    "De luchtmacht beschikt nu over 52 F-35's. Het geld komt uit het extra defensiebudget dat het kabinet vorig jaar vrijmaakte om de NAVO-norm van 3,5 procent van het bbp te halen.",
    "De Tweede Kamer moet nog instemmen met de aankoop. Het debat daarover staat gepland voor 26 maart. Oppositiepartijen GroenLinks-PvdA en SP hebben al vragen gesteld over de onderhoudskosten, die over de hele levensduur van de toestellen op zo'n 2,4 miljard euro worden geschat.",
    "De Algemene Rekenkamer waarschuwde vorig jaar dat de exploitatiekosten van het F-35-programma structureel hoger uitvallen dan begroot.",
]

# --- w3: NTB, the oil fund's 2025 result (event e3) ---------------------------
W3 = [
    "Statens pensjonsfond utland, bedre kjent som oljefondet, fikk en avkastning på 14,1 prosent i 2025. Det tilsvarer 2870 milliarder kroner, opplyser Norges Bank Investment Management (NBIM) torsdag.",
    "Ved utgangen av året var fondet verdt 21 140 milliarder kroner. Avkastningen var 0,4 prosentpoeng lavere enn avkastningen på referanseindeksen.",
    "– Det var et godt år for aksjemarkedene, særlig for de store amerikanske teknologiselskapene. Samtidig har vi sett store svingninger gjennom året, sier NBIMs leder Ingrid Halvorsen i en pressemelding.",
    "Aksjeinvesteringene ga en avkastning på 17,3 prosent, mens renteinvesteringene ga 4,6 prosent. Unotert eiendom ga 1,9 prosent, og unotert infrastruktur for fornybar energi ga en negativ avkastning på 3,2 prosent.",
    "Teknologisektoren bidro mest til avkastningen. Fondets tre største aksjeposter ved årsskiftet var Nvidia, Microsoft og Apple.",
    "Kronekursen påvirket fondets verdi med minus 310 milliarde kroner i løpet av året. Staten tok ut 420 milliarder kroner fra fondet for å dekke underskuddet på statsbudsjettet.",
    "Ved utgangen av 2025 var 71,2 prosent av fondet investert i aksjer, 26,9 prosent i renteinvesteringer, 1,7 prosent i unotert eiendom og 0,2 prosent i unotert infrastruktur for fornybar energi.",
    "Fondet ble opprettet i 1990 for at petroleumsinntektene skal komme både dagens og fremtidige generasjoner til gode. De første pengene ble overført til fondet i 1996.",
]

# --- w4: Reuters, Turkish central bank cut (event e4) -------------------------
W4 = [
    "Turkey's central bank cut its main interest rate by 250 basis points to 34.5% on Thursday, a larger reduction than expected, saying the underlying trend of inflation had continued to decline in February.",
    "Economists in a Reuters poll had forecast a cut of 200 basis points to 35% in the one-week repo rate.",
    "Annual consumer price inflation eased to 29.4% in February from 31.1% in Janaury, according to official data. The bank's year-end inflation target is 24%.",
    "\"The tight monetary policy stance will be maintained until price stability is achieved,\" the central bank's Monetary Policy Committee said in a statement, adding that the size of future steps would be decided prudently, meeting by meeting.",
    "The lira was little changed after the decision, trading at 41.25 against the dollar. It has lost around 4% of its value so far this year.",
    "The central bank began an easing cycle in late 2024 after raising its policy rate to 50% to fight inflation that peaked above 75% in May 2024. The next rate-setting meeting is scheduled for April 23.",
]
W4_CREDIT = "(Reporting by Deniz Arslan; Editing by Tom Whitfield)"

# --- w5: AP, ferry fire off Kristiansand (event e5) ---------------------------
W5 = [
    "A fire broke out in the engine room of a passenger ferry off southern Norway on Friday, forcing the evacuaton of 412 passengers and the crew, Norwegian rescue officials said.",
    "The ferry, the Skagerak Star, was sailing from Kristiansand in Norway to Hirtshals in Denmark when the fire was reported at around 11:20 a.m., about 20 nautical miles (37 kilometers) south of Kristiansand.",
    "The Joint Rescue Coordination Centre of Southern Norway said two rescue helicopters and several vessels were sent to the scene. Passengers were moved to lifeboats and later taken aboard two nearby ships.",
    "Three crew members were treated for smoke inhalation, the rescue center said. No one else was hurt.",
    "The ship's operator, Nordsjø Ferjer, said the fire was put out by the ship's own sprinkler system and the crew within an hour. The ferry, which had 68 crew members aboard, was being towed back to Kristiansand.",
    "Among the passengers were 34 students from a school in the Dutch city of Zwolle on a class trip, Dutch media reported.",
    "The cause of the fire was not immediately known. Norwegian police said they would investigate.",
]

# --- w6: DHA, Galatasaray 2-1 Beşiktaş (event e7) -----------------------------
W6 = [
    "Trendyol Süper Lig'in 26. haftasında Galatasaray, sahasında Beşiktaşı 2-1 mağlup etti. RAMS Park'ta oynanan karşılaşmayı 51 bin 200 taraftar izledi.",
    "Galatasaray, 23. dakikada Kerem Aydın'ın ceza sahası dışından attığı golle öne geçti. Beşiktaş, 41. dakikada Onur Doğan'ın kafa golüyle eşitliği yakaladı ve ilk yarı 1-1 sona erdi.",
    "İkinci yarıda baskısını artıran sarı-kırmızılı ekip, 67. dakikada Emre Kılıç'ın golüyle yeniden öne geçti. Beşiktaş'ta Cengiz Öztürk, 78. dakikada ikinci sarı kartı görerek oyundan ihraç edildi.",
    "Bu sonuçla puanını 61'e yükselten Galatasaray liderliğini sürdürdü. Beşiktaş ise 47 puanda kaldı.",
    "Galatasaray Teknik Direktörü Tolga Sezer, maçın ardından yaptığı açıklamada, \"Zor bir maçtı, taraftarımızın desteğiyle kazandık. Şimdi perşembe günü oynayacağımız AZ Alkmaar maçına odaklanacağız\" dedi.",
    "Beşiktaş Teknik Direktörü Serkan Arıkan ise hakem kararlarını eleştirerek, \"İkinci sarı kart verilecek bir pozisyon değildi\" ifadelerini kullandı.",
    "Karşılaşmanın ilk yarısında iki takımın taraftarları arasında tribünlerde kısa süreli bir gerginlik yaşandı. Güvenlik güçlerinin müdahalesiyle olaylar kısa sürede yatıştı.",
    "Galatasaray, ligin gelecek haftasında deplasmanda Kasımpaşa ile karşılaşacak. Beşiktaş ise sahasında Antalyaspor'u ağırlayacak.",
]

WIRE_ARTICLES = [
    # w1 -------------------------------------------------------------------
    dict(id="w1-egehaber", outlet="egehaber", event="e1", wire="w1", published="2026-03-04 07:12", section="Gündem",
         headline="Kahramanmaraş'ta 5,8 büyüklüğünde deprem: 2 ölü, 47 yaralı",
         body=edit(W1, last_suffix="Kaynak: AA")),
    dict(id="w1-marmara", outlet="marmara", event="e1", wire="w1", published="2026-03-04 07:30", section="Gündem",
         headline="Göksun'da korkutan deprem", author="AA",
         body=edit(W1, drop=[6], first_prefix="KAHRAMANMARAŞ (AA) - ")),
    dict(id="w1-gundempostasi", outlet="gundempostasi", event="e1", wire="w1", published="2026-03-04 08:05", section="Gündem",
         headline="Kahramanmaraş'ın Göksun ilçesinde 5,8 büyüklüğünde deprem",
         body=edit(W1, split={1: 1}, replace={3: W1_FIXED}, add={-1: "(AA)"},
                   last_suffix="Bölgeden son gelişmeleri aktarmaya devam edeceğiz.")),
    dict(id="w1-haberankara", outlet="haberankara", event="e1", wire="w1", published="2026-03-04 09:40", section="Türkiye",
         headline="AFAD: Göksun depreminde 2 kişi öldü, 47 kişi yaralandı", author="Anadolu Ajansı",
         body=edit(W1, merge=(4, 5))),
    # w2 -------------------------------------------------------------------
    dict(id="w2-dagbladnoord", outlet="dagbladnoord", event="e2", wire="w2", published="2026-03-10 11:48", section="Binnenland",
         headline="Defensie koopt zes extra F-35's voor 1,1 miljard euro", author="ANP",
         body=edit(W2, first_prefix="DEN HAAG (ANP) - ")),
    dict(id="w2-nieuwsnu", outlet="nieuwsnu", event="e2", wire="w2", published="2026-03-10 11:52", section="Binnenland",
         headline="Kabinet bestelt nog zes F-35's: vloot groeit naar 58",
         body=edit(W2, drop=[5], split={0: 2}, last_suffix="(ANP)")),
    dict(id="w2-rijnbode", outlet="rijnbode", event="e2", wire="w2", published="2026-03-10 12:30", section="Nederland",
         headline="Aalders: zes nieuwe F-35's nodig door veranderde veiligheidssituatie",
         body=edit(W2, add={2: "Omwonenden van vliegbasis Volkel klagen al jaren over geluidsoverlast van de F-35, die veel meer lawaai maakt dan zijn voorganger, de F-16."},
                   last_suffix="Bron: ANP")),
    dict(id="w2-brabants", outlet="brabants", event="e2", wire="w2", published="2026-03-10 13:15", section="Nieuws",
         headline="Meer F-35's naar Volkel", author="ANP",
         body=edit(W2, replace={2: W2[2].replace("gestationneerd", "gestationeerd")}, drop=[3])),
    # w3 -------------------------------------------------------------------
    dict(id="w3-ostlandsbladet", outlet="ostlandsbladet", event="e3", wire="w3", published="2026-02-26 07:04", section="Økonomi",
         headline="Oljefondet fikk 2870 milliarder i avkastning i fjor", author="NTB",
         body=list(W3)),
    dict(id="w3-fjordavisen", outlet="fjordavisen", event="e3", wire="w3", published="2026-02-26 07:20", section="Økonomi",
         headline="Rekordfond: Oljefondet har passert 21 000 milliarder", author="NTB",
         body=edit(W3, drop=[5])),
    dict(id="w3-bergensposten", outlet="bergensposten", event="e3", wire="w3", published="2026-02-26 08:02", section="Økonomi",
         headline="Oljefondet fikk 14,1 prosent avkastning",
         body=edit(W3, split={3: 1}, add={4: "Fondet eier i gjennomsnitt 1,5 prosent av alle børsnoterte selskaper i verden."},
                   replace={5: W3[5].replace("milliarde kroner", "milliarder kroner")}, first_prefix="(NTB): ")),
    dict(id="w3-tronder", outlet="tronder", event="e3", wire="w3", published="2026-02-26 09:35", section="Næringsliv",
         headline="Oljefondet fikk 2870 milliarder i avkastning i fjor",
         body=edit(W3, replace={4: "Teknologisektoren bidro mest til avkastningen."}, last_suffix="©NTB")),
    # w4 -------------------------------------------------------------------
    dict(id="w4-dailyledger", outlet="dailyledger", event="e4", wire="w4", published="2026-03-12 07:31", section="Markets",
         headline="Turkey's central bank cuts rates by 250 basis points to 34.5%", author="Reuters",
         body=edit(W4, first_prefix="ISTANBUL, March 12 (Reuters) - ", last_suffix=W4_CREDIT)),
    dict(id="w4-worlddesk", outlet="worlddesk", event="e4", wire="w4", published="2026-03-12 11:40", section="Business",
         headline="Turkey delivers bigger-than-expected rate cut as inflation cools",
         body=edit(W4, drop=[4], last_suffix="Reuters")),
    dict(id="w4-harbourtimes", outlet="harbourtimes", event="e4", wire="w4", published="2026-03-12 12:05", section="Business",
         headline="Turkish central bank slashes key rate to 34.5%", author="Reuters",
         body=edit(W4, split={5: 1}, replace={2: W4[2].replace("Janaury", "January")})),
    dict(id="w4-metrochronicle", outlet="metrochronicle", event="e4", wire="w4", published="2026-03-12 09:02", section="Business",
         headline="Turkey's central bank cuts rates by 250 basis points to 34.5%",
         body=edit(W4, add={4: "Turkish bank shares rose 2.1% after the decision."},
                   first_prefix="ISTANBUL (Reuters) - ", last_suffix="— Reuters")),
    # w5 -------------------------------------------------------------------
    dict(id="w5-harbourtimes", outlet="harbourtimes", event="e5", wire="w5", published="2026-03-06 12:55", section="World",
         headline="Fire breaks out on ferry off Norway, hundreds of passengers evacuated", author="The Associated Press",
         body=list(W5)),
    dict(id="w5-northerncourier", outlet="northerncourier", event="e5", wire="w5", published="2026-03-06 08:10", section="World",
         headline="Hundreds evacuated after fire on Norway-Denmark ferry",
         body=edit(W5, drop=[5], first_prefix="OSLO, Norway (AP) — ", last_suffix="Copyright 2026 The Associated Press. All rights reserved.")),
    dict(id="w5-metrochronicle", outlet="metrochronicle", event="e5", wire="w5", published="2026-03-06 09:25", section="World",
         headline="Ferry fire forces evacuation of 412 off Norwegian coast", author="By The Associated Press",
         body=edit(W5, replace={0: W5[0].replace("evacuaton", "evacuation")},
                   add={3: "Weather in the area was calm, with light winds, the Norwegian Meteorological Institute said."})),
    # w6 -------------------------------------------------------------------
    dict(id="w6-sporarena", outlet="sporarena", event="e7", wire="w6", published="2026-03-08 22:10", section="Süper Lig",
         headline="Galatasaray derbide Beşiktaş'ı 2-1 yendi", author="DHA",
         body=edit(W6, first_prefix="İSTANBUL (DHA) - ")),
    dict(id="w6-egehaber", outlet="egehaber", event="e7", wire="w6", published="2026-03-08 22:25", section="Spor",
         headline="Derbide kazanan Galatasaray: 2-1",
         body=edit(W6, drop=[5], last_suffix="Kaynak: DHA")),
    dict(id="w6-marmara", outlet="marmara", event="e7", wire="w6", published="2026-03-08 23:02", section="Spor",
         headline="Cimbom derbide hata yapmadı", author="DHA",
         body=edit(W6, split={1: 1}, replace={0: W6[0].replace("Beşiktaşı", "Beşiktaş'ı")},
                   add={5: "Maçın ardından taraftarlar stadyum çevresinde uzun süre kutlama yaptı."})),
]
