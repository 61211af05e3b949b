"""Short news articles written for babelwire's test corpus (original texts).

Each: language, title, date (ISO), author, optional heading (inserted before
the last paragraph), paragraphs. `make.py` dresses them in site chrome.
"""

ARTICLES = [
    # ---------------------------------------------------------------- Turkish
    ("tr", "Belediye yeni bisiklet yollarını hizmete açtı", "2024-05-14", "Ayşe Demir", None, [
        "Büyükşehir belediyesi, kent merkezini sahil şeridine bağlayan on iki kilometrelik bisiklet yolunu törenle hizmete açtı. Yol boyunca yirmi noktada bisiklet park alanı bulunuyor.",
        "Belediye başkanı, projenin trafik yoğunluğunu azaltmayı ve hava kirliliğini düşürmeyi amaçladığını söyledi. Yetkililer, gelecek yıl hattın üniversite kampüsüne kadar uzatılacağını belirtti.",
        "Bisiklet kullanıcıları dernekleri ise düzenlemeyi olumlu karşıladı, ancak kavşaklarda daha fazla güvenlik önlemi alınması gerektiğini vurguladı.",
    ]),
    ("tr", "Kuraklık nedeniyle barajlarda su seviyesi düştü", "2023-09-02", "Mehmet Yılmaz", "UZMANLAR TASARRUF ÇAĞRISI YAPTI", [
        "Kentin içme suyunu karşılayan barajlardaki doluluk oranı yüzde otuzun altına geriledi. Son on yılın en düşük seviyesi, yaz boyunca süren yağışsız dönemin ardından ölçüldü.",
        "Su idaresi, bazı ilçelerde gece saatlerinde planlı kesintilere gidilebileceğini duyurdu. Vatandaşlardan bahçe sulama ve araç yıkama için şebeke suyu kullanmamaları istendi.",
        "Uzmanlar, sızıntıların önlenmesi ve yağmur suyunun toplanması için kalıcı yatırımlar yapılması gerektiğini belirtiyor. Tarım alanlarında damla sulamaya geçişin de destekleneceği bildirildi.",
    ]),
    ("tr", "Genç mucitler robot yarışmasında birinci oldu", "2024-03-21", "Zeynep Kaya", None, [
        "Lise öğrencilerinden oluşan bir ekip, uluslararası robot yarışmasında tasarladıkları arama kurtarma robotuyla birincilik ödülünü kazandı. Robot, enkaz altındaki sesleri algılayabiliyor.",
        "Takım danışmanı öğretmen, öğrencilerin altı ay boyunca hafta sonları da okulda çalıştığını anlattı. Ekip, ödül olarak aldıkları bursu yeni bir prototip için kullanmayı planlıyor.",
        "Yarışmaya otuz ülkeden yüzden fazla takım katıldı. Jüri, robotun düşük maliyetli parçalarla üretilmesini özellikle takdir etti.",
    ]),
    ("tr", "Tarihi çarşıda restorasyon çalışmaları tamamlandı", "2022-11-08", "Ali Şahin", None, [
        "Dört yüz yıllık kapalı çarşının restorasyonu iki yıl süren çalışmaların ardından tamamlandı. Çarşıdaki yüz yirmi dükkân yeniden esnafa teslim edildi.",
        "Restorasyon sırasında kubbelerdeki çatlaklar onarıldı, özgün taş döşemeler ortaya çıkarıldı. Çalışmalarda geleneksel kireç harcı kullanıldı.",
        "Esnaf, turist sayısının artmasını beklediklerini söyledi. Kültür müdürlüğü ise çarşıda el sanatları atölyeleri açılacağını açıkladı.",
    ]),
    ("tr", "Limanda konteyner trafiği rekor kırdı", "2024-01-10", "Burak Öztürk", None, [
        "Limanda geçen yıl elleçlenen konteyner sayısı bir önceki yıla göre yüzde on dört artarak tüm zamanların en yüksek seviyesine ulaştı. Artışta ihracattaki canlanma etkili oldu.",
        "Liman işletmesi, yeni rıhtım ve vinçlere yapılan yatırımların bekleme sürelerini kısalttığını açıkladı. Gemilerin limanda ortalama kalış süresi bir güne indi.",
        "Lojistik firmaları ise liman bağlantı yollarındaki kamyon kuyruklarının hâlâ sorun olduğunu belirtiyor. Demiryolu bağlantısının gelecek yıl tamamlanması bekleniyor.",
    ]),
    ("tr", "Köy okulunda kütüphane kampanyası", "2023-04-23", "Elif Arslan", None, [
        "Dağ köyündeki ilkokul için başlatılan kitap kampanyasında iki haftada üç bin kitap toplandı. Kitaplar gönüllüler tarafından kolilere yerleştirilerek okula ulaştırıldı.",
        "Okulun tek öğretmeni, öğrencilerin ilk kez kendi kütüphanelerine kavuştuğunu söyledi. Köy halkı da rafların yapımı için marangoz atölyesinde gönüllü çalıştı.",
        "Kampanyayı düzenleyen dernek, benzer kütüphanelerin yıl sonuna kadar on köyde daha kurulacağını duyurdu.",
    ]),
    ("tr", "Şehir hastanesine yeni acil servis binası", "2024-07-30", "Can Aydın", "YATAK KAPASİTESİ İKİ KATINA ÇIKTI", [
        "Şehir hastanesinin yeni acil servis binası hasta kabul etmeye başladı. Üç katlı binada kırk gözlem yatağı ve iki ayrı travma ünitesi bulunuyor.",
        "Hastane başhekimi, yoğun saatlerde bekleme süresinin yarıya inmesinin hedeflendiğini söyledi. Binada ayrıca çocuk hastalar için ayrı bir bölüm ayrıldı.",
        "Yeni binayla birlikte acil serviste görev yapan sağlık personeli sayısı da artırıldı. Ambulans girişinin ayrılmasıyla giriş kapısındaki yoğunluğun azalması bekleniyor.",
    ]),
    ("tr", "Fındık üreticileri hasat fiyatını bekliyor", "2023-08-12", "Hatice Çelik", None, [
        "Karadeniz'de fındık hasadı başlarken üreticiler açıklanacak alım fiyatını bekliyor. Bu yıl rekolte tahmini geçen yıla göre yüzde on daha düşük.",
        "Üretici birlikleri, gübre ve işçilik maliyetlerindeki artış nedeniyle fiyatın yükseltilmesini istiyor. Bazı bahçelerde işçi bulmakta zorlanıldığı da belirtiliyor.",
        "Ticaret borsası yetkilileri, ihracat talebinin güçlü seyrettiğini ve piyasanın hasat sonrası dengeleneceğini öngörüyor.",
    ]),
    ("tr", "Kar yağışı ulaşımı aksattı", "2024-02-06", "Emre Koç", None, [
        "Gece boyunca etkili olan yoğun kar yağışı nedeniyle yüzlerce köy yolu ulaşıma kapandı. Karayolları ekipleri sabaha kadar çalışarak ana yolları açık tuttu.",
        "Valilik, olumsuz hava koşulları nedeniyle il genelinde okulların bir gün tatil edildiğini açıkladı. Sürücülerin zorunlu olmadıkça yola çıkmamaları istendi.",
        "Meteoroloji, kar yağışının hafta sonuna kadar aralıklarla süreceğini ve sıcaklıkların sıfırın altında seyredeceğini bildirdi.",
    ]),
    ("tr", "Arkeologlar antik tiyatroda yeni heykeller buldu", "2023-10-19", "Selin Kurt", None, [
        "Antik kentteki kazılarda tiyatronun sahne binasında iki mermer heykel gün ışığına çıkarıldı. Heykellerin Roma döneminden kaldığı düşünülüyor.",
        "Kazı başkanı, heykellerin yüzlerinin büyük ölçüde korunmuş olmasının bölge için çok önemli olduğunu söyledi. Eserler temizlendikten sonra müzede sergilenecek.",
        "Bu yılki kazı sezonunun ekim sonuna kadar süreceği ve tiyatronun oturma basamaklarının da restore edileceği açıklandı.",
    ]),
    # ---------------------------------------------------------------- Dutch
    ("nl", "Gemeente plant extra laadpalen in woonwijken", "2024-04-09", "Sanne de Jong", None, [
        "De gemeente wil dit jaar driehonderd nieuwe openbare laadpalen plaatsen in woonwijken waar bewoners geen eigen oprit hebben. Bewoners kunnen zelf een locatie aanvragen via de website.",
        "Volgens de wethouder groeit het aantal elektrische auto's sneller dan verwacht. In sommige straten staan bewoners 's avonds in de rij voor een vrije paal.",
        "Ondernemers in de binnenstad vragen de gemeente om ook snelladers bij parkeergarages te plaatsen. Daarover wordt na de zomer een besluit genomen.",
    ]),
    ("nl", "Dijkversterking langs de rivier begint in maart", "2023-02-15", "Thijs Bakker", None, [
        "Het waterschap begint in maart met het versterken van acht kilometer dijk langs de rivier. De werkzaamheden duren naar verwachting drie jaar.",
        "Tijdens de werkzaamheden wordt de weg op de dijk in fases afgesloten voor doorgaand verkeer. Fietsers kunnen via een tijdelijke route langs de uiterwaarden rijden.",
        "Omwonenden kunnen hun vragen stellen tijdens inloopavonden in het dorpshuis. Het waterschap belooft geluidsoverlast 's nachts zoveel mogelijk te beperken.",
    ]),
    ("nl", "Museum toont onbekende tekeningen van stadsgezichten", "2024-10-03", "Lotte Visser", "Tentoonstelling tot januari", [
        "Het stadsmuseum toont vanaf zaterdag veertig tekeningen van stadsgezichten die meer dan een eeuw in een particuliere collectie lagen. De tekeningen laten straten zien die inmiddels verdwenen zijn.",
        "De conservator ontdekte de tekeningen toevallig tijdens een taxatie bij een familie. Onderzoek wees uit dat ze van een vergeten stadstekenaar afkomstig zijn.",
        "Bezoekers kunnen met een digitale kaart zien hoe de getekende plekken er vandaag uitzien. De tentoonstelling is te zien tot half januari.",
    ]),
    ("nl", "Tekort aan leraren treft vooral basisscholen", "2023-08-28", "Ruben Smit", None, [
        "Aan het begin van het schooljaar zijn honderden vacatures voor leraren in het basisonderwijs nog niet vervuld. Vooral scholen in de grote steden hebben moeite om personeel te vinden.",
        "Sommige scholen werken met een vierdaagse lesweek of combineren groepen om de roosters rond te krijgen. Ouders maken zich zorgen over de gevolgen voor de leerresultaten.",
        "Het ministerie wil zij-instromers sneller laten starten en trekt extra geld uit voor begeleiding van startende leraren.",
    ]),
    ("nl", "Haven verwacht recordaantal cruiseschepen", "2024-03-18", "Femke Mulder", None, [
        "De haven verwacht dit jaar meer dan honderdtwintig cruiseschepen, een record. De eerste schepen meren begin april aan bij de nieuwe terminal.",
        "Ondernemers in de binnenstad zijn blij met de extra bezoekers, maar bewoners klagen over drukte en luchtvervuiling. De gemeente onderzoekt een maximum per dag.",
        "Vanaf volgend jaar moeten schepen aan de kade walstroom gebruiken in plaats van hun dieselgeneratoren te laten draaien.",
    ]),
    ("nl", "Boeren experimenteren met nieuwe graansoorten", "2022-07-11", "Jeroen de Boer", None, [
        "Een groep akkerbouwers test deze zomer oude en nieuwe graansoorten die beter tegen droogte kunnen. De proefvelden liggen verspreid over drie provincies.",
        "De boeren delen hun ervaringen in een online groep en wisselen zaad uit. Een universiteit meet de opbrengst en de kwaliteit van het graan.",
        "Bakkers uit de regio hebben al interesse getoond in het meel van de proefvelden. De eerste broden worden in het najaar verwacht.",
    ]),
    ("nl", "Nieuwe brug verbindt twee wijken", "2023-11-22", "Anouk Willems", None, [
        "Over het kanaal ligt sinds woensdag een nieuwe fiets- en voetgangersbrug die twee wijken met elkaar verbindt. Fietsers besparen daardoor tot tien minuten reistijd.",
        "De brug werd in één stuk met een drijvende bok op zijn plek gelegd. Honderden buurtbewoners keken vanaf de kade toe.",
        "De gemeente houdt zaterdag een feestelijke opening met muziek en een markt aan beide kanten van het water.",
    ]),
    ("nl", "Bibliotheek verlengt openingstijden tijdens examens", "2024-05-06", "Daan Jansen", None, [
        "De centrale bibliotheek blijft tijdens de examenperiode tot middernacht open voor scholieren en studenten. Er zijn tweehonderd extra studieplekken ingericht.",
        "Vorig jaar was de proef met langere openingstijden zo succesvol dat plekken binnen een uur vol zaten. Nu moeten bezoekers vooraf reserveren.",
        "Vrijwilligers bieden op woensdagavond hulp bij het plannen van de examenstof. Koffie en thee zijn gratis.",
    ]),
    ("nl", "Storm veroorzaakt schade aan kustplaatsen", "2023-12-21", "Sven Hendriks", None, [
        "Een zware storm heeft donderdag in verschillende kustplaatsen schade aangericht. Bomen waaiden om en op enkele plekken werden daken van huizen beschadigd.",
        "De treinen tussen de kust en het binnenland reden urenlang niet omdat takken op de bovenleiding lagen. De brandweer kreeg honderden meldingen.",
        "Het weerinstituut waarschuwt dat er in het weekend opnieuw harde wind wordt verwacht. Mensen wordt gevraagd losse spullen in de tuin vast te zetten.",
    ]),
    ("nl", "Jonge schakers winnen landelijk kampioenschap", "2024-06-16", "Eva van Dijk", None, [
        "Het schoolteam uit een klein dorp heeft het landelijk kampioenschap schaken voor scholieren gewonnen. In de finale versloegen de vier leerlingen een team uit de hoofdstad.",
        "De leerlingen trainen twee keer per week na schooltijd bij de plaatselijke schaakclub. Hun trainer is een gepensioneerde leraar wiskunde.",
        "Met de overwinning plaatst het team zich voor het Europees kampioenschap in het najaar.",
    ]),
    # ---------------------------------------------------------------- Norwegian
    ("nb", "Kommunen bygger ny barnehage i sentrum", "2024-02-27", "Ingrid Hansen", None, [
        "Kommunestyret vedtok tirsdag å bygge en ny barnehage med plass til hundre og tjue barn i sentrum. Byggingen starter til høsten og skal være ferdig om to år.",
        "Mange foreldre har ventet lenge på plass, og ventelisten har vokst hvert år. Ordføreren mener den nye barnehagen vil løse det meste av køen.",
        "Barnehagen får et eget uteområde med skog og bekk, og blir bygget i massivtre for å redusere klimagassutslippene.",
    ]),
    ("nb", "Rekordmange turister besøkte fjellet i sommer", "2023-09-12", "Ola Berg", None, [
        "Aldri før har så mange turister gått til toppen av fjellet som i sommer. Tellerne ved stien registrerte over åtti tusen passeringer.",
        "Grunneierne er glade for besøket, men melder om slitasje på stien og problemer med parkering. Det blir nå vurdert å innføre parkeringsavgift.",
        "Turistforeningen ber folk ta med seg søppelet hjem og følge merkede stier for å beskytte vegetasjonen.",
    ]),
    ("nb", "Fiskere frykter konsekvensene av nye kvoter", "2024-01-19", "Kari Johansen", "Vil ha lengre overgangstid", [
        "De nye fiskekvotene for neste år er kraftig redusert, og mange kystfiskere frykter for økonomien. Særlig de minste båtene rammes hardt.",
        "Fiskerlaget mener forskningen bak kvotene er for usikker, og ber om et møte med departementet. Flere fiskere vurderer å selge båten.",
        "Havforskerne på sin side peker på at bestanden har gått ned flere år på rad, og at et kutt er nødvendig for å sikre fremtidig fiske.",
    ]),
    ("nb", "Ny ferjerute gir kortere reisetid", "2022-06-01", "Per Nilsen", None, [
        "Fra i dag går det en ny ferjerute mellom øyene, og reisetiden til fastlandet blir en halvtime kortere. Ferjen er elektrisk og lades ved kaia.",
        "Pendlere som har reist med båt og buss hver dag, sier at hverdagen blir enklere. Ferjen går hver time fra tidlig morgen til sent på kvelden.",
        "Fylkeskommunen vil vurdere å øke antall avganger dersom trafikken blir større enn ventet.",
    ]),
    ("nb", "Skolen satser på uteundervisning", "2023-05-08", "Marte Larsen", None, [
        "Elevene ved skolen har matematikk og naturfag ute i skogen en dag i uken. Lærerne mener elevene lærer mer når de får bruke kroppen.",
        "Skolen har bygget en gapahuk og et lite utekjøkken med hjelp fra foreldrene. Om vinteren går undervisningen også ute, med varme klær og bål.",
        "Forskere fra høgskolen følger prosjektet og skal måle både trivsel og resultater i løpet av to år.",
    ]),
    ("nb", "Strømprisene stiger igjen", "2024-11-04", "Anders Pedersen", None, [
        "Strømprisene har steget kraftig den siste uken på grunn av lite vind og lave temperaturer. Husholdninger i sør betaler nå det dobbelte av i fjor.",
        "Forbrukerrådet anbefaler folk å sammenligne avtaler og bruke mindre strøm i timene med høyest pris. Mange har allerede skrudd ned varmen.",
        "Regjeringen sier strømstøtten videreføres, men at ordningen skal evalueres på nytt over nyttår.",
    ]),
    ("nb", "Bibliotek åpner verksted for reparasjoner", "2023-03-14", "Silje Andersen", None, [
        "Biblioteket har åpnet et verksted der alle kan få hjelp til å reparere klær, sykler og små elektriske apparater. Frivillige med fagkunnskap stiller opp hver lørdag.",
        "Målet er å redusere avfall og lære folk å fikse ting selv. Den første lørdagen kom det over femti besøkende.",
        "Verktøy kan også lånes med bibliotekkortet, på samme måte som bøker.",
    ]),
    ("nb", "Snøras stengte veien over fjellet", "2024-03-02", "Erik Solberg", None, [
        "Et snøras stengte natt til lørdag riksveien over fjellet. Ingen personer ble tatt av raset, men flere biler måtte snu.",
        "Statens vegvesen sier veien blir stengt til skredfaren er vurdert, og at det kan ta flere dager. Omkjøring går via dalen og tar to timer ekstra.",
        "Skredvarslingen har meldt faregrad fire for området, og folk frarådes å gå på tur i bratt terreng.",
    ]),
    ("nb", "Ungdommer startet egen bedrift med honning", "2023-08-21", "Nora Eriksen", None, [
        "Tre ungdommer fra bygda har startet en liten bedrift som selger honning fra egne bikuber. I sommer solgte de over to hundre glass.",
        "De lærte birøkt av en pensjonert nabo og har nå tolv kuber. Honningen selges i butikken på bygda og på torget i byen.",
        "Neste år vil de prøve å lage lys av bivoks og selge på julemarkedet.",
    ]),
    ("nb", "Sykehuset tester digital oppfølging hjemme", "2024-09-17", "Jonas Haugen", None, [
        "Sykehuset har startet et prosjekt der pasienter med hjertesvikt følges opp hjemme med digitalt utstyr. Pasientene måler vekt og blodtrykk hver morgen.",
        "Sykepleierne ser målingene på en skjerm og ringer pasienten dersom verdiene endrer seg. Flere pasienter slipper dermed innleggelse.",
        "Dersom prosjektet lykkes, skal ordningen tilbys flere pasientgrupper fra neste år.",
    ]),
    # ---------------------------------------------------------------- English
    ("en", "Council approves new cycle lanes for city centre", "2024-04-16", "Sarah Collins", None, [
        "The city council has approved plans for four kilometres of protected cycle lanes through the centre. Construction is due to begin in the autumn and last around eighteen months.",
        "Supporters say the lanes will make cycling safer for children and older riders. Some shop owners fear that the loss of parking spaces will drive customers away.",
        "The council said it would monitor traffic and air quality before and after the work and publish the results online.",
    ]),
    ("en", "Farmers turn to drought resistant crops", "2023-07-25", "James Walker", None, [
        "After two dry summers in a row, farmers across the region are planting crops that need less water. Sorghum and certain bean varieties are proving popular.",
        "Agricultural advisers say the switch requires new equipment and new buyers, which can take years to arrange. A regional cooperative is helping farmers share machinery.",
        "Researchers at the local university are testing which varieties perform best in the local soil and will publish their findings next spring.",
    ]),
    ("en", "Library launches free coding classes for adults", "2024-01-30", "Priya Patel", "Classes fill up quickly", [
        "The central library is offering free evening coding classes for adults who want to change careers. The ten week course covers the basics of programming and building websites.",
        "Volunteers from local technology companies teach the classes, and laptops are provided for those who do not have one. The first group includes retired teachers and shop workers.",
        "All places on the spring course were taken within two days, and the library is looking for more volunteers to run a second group.",
    ]),
    ("en", "Storm leaves thousands without power", "2023-11-03", "Tom Harris", None, [
        "A powerful storm swept across the coast overnight, leaving more than forty thousand homes without electricity. Fallen trees blocked several main roads.",
        "Engineers worked through the night to restore supplies, but the network operator warned that some rural areas could be without power until the weekend.",
        "Schools in the worst affected districts were closed on Friday, and residents were advised to avoid travel unless necessary.",
    ]),
    ("en", "Hospital opens new children's ward", "2024-06-12", "Emma Hughes", None, [
        "The regional hospital has opened a new children's ward with thirty beds and a playroom designed with help from young patients. Parents can now stay overnight next to their child.",
        "Nurses said the old ward was cramped and noisy, which made it hard for children to rest. The new building has larger windows and quieter rooms.",
        "The project was partly funded by a local charity that raised money through sponsored walks and bake sales over three years.",
    ]),
    ("en", "Town celebrates reopening of historic cinema", "2022-10-15", "Daniel Price", None, [
        "The town's art deco cinema has reopened after a five year restoration led by volunteers. Hundreds of people queued outside for the first screening on Saturday.",
        "The original seats were repaired by hand and the ceiling paintings were cleaned and restored. A small café now occupies the former ticket office.",
        "The volunteers hope the cinema will also host concerts and school events, and are asking residents to become members.",
    ]),
    ("en", "Port reports record container traffic", "2024-02-20", "Laura Bennett", None, [
        "The port handled a record number of containers last year, helped by a recovery in exports and a new deep water berth. Volumes rose by eleven percent.",
        "Managers said new cranes had cut the time ships spend at the quay, but hauliers complain about long queues on the access road at peak times.",
        "A rail link to the main freight terminal is due to open next year and is expected to take hundreds of lorries off the road each day.",
    ]),
    ("en", "Students build satellite in school lab", "2023-03-09", "Oliver Grant", None, [
        "A team of secondary school students has built a small satellite that will be launched into orbit next year. The shoebox sized craft will measure radiation and take pictures of the Earth.",
        "The students spent two years designing the satellite with help from engineers at a space company. They tested it in a vacuum chamber at the university.",
        "Their teacher said the project had inspired several students to apply for engineering degrees.",
    ]),
    ("en", "Water company warns of hosepipe ban", "2024-08-05", "Grace Turner", None, [
        "The regional water company has warned that a hosepipe ban may be needed if the dry weather continues. Reservoir levels have fallen well below the average for August.",
        "Customers are being asked to take shorter showers and to avoid washing cars with a hose. The company says it has fixed hundreds of leaks this summer.",
        "Environmental groups say more must be done to reduce leakage, which still accounts for a fifth of all water supplied.",
    ]),
    ("en", "Archaeologists uncover Roman road under car park", "2023-06-27", "Henry Lewis", None, [
        "Archaeologists have uncovered a well preserved stretch of Roman road beneath a car park in the town centre. The road was found during work on a new housing development.",
        "The stones still show the ruts made by carts almost two thousand years ago. Coins and pieces of pottery were found alongside the road.",
        "The developer has agreed to change the design of the buildings so that part of the road can be displayed under glass.",
    ]),
]
