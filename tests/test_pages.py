"""Pages written for the extraction tests, in the shapes real pages take (no text copied)."""

from __future__ import annotations

# Twelve paragraphs of a made-up report on a river ferry, long enough to be the article.
FERRY_PARAGRAPHS = [
    "The last wooden ferry on the Dorn river made its final crossing on Sunday, ending a "
    "service that had carried farmers, pupils and cattle between Aldmoor and Wexley since 1911.",
    "About three hundred people lined the slipway at Aldmoor to watch the boat, the Margit, "
    "leave the bank for the last time, its deck crowded with former passengers and their families.",
    "The county council voted in March to close the crossing once the new road bridge at Wexley "
    "opened, saying the ferry cost more than 400,000 euros a year to run and needed a new hull.",
    "Ferryman Tomas Ried, who has worked the crossing for twenty-six years, said he had expected "
    "a quiet morning and was surprised to find the car park full before seven o'clock.",
    "Many of those who came had crossed the river on the Margit as children on their way to the "
    "secondary school in Wexley, which had no other link to the villages on the northern bank.",
    "A local historian, Agnes Maal, brought a photograph of the first ferry, a raft pulled along "
    "a chain by two men, and said the crossing had outlived three bridges planned and never built.",
    "The new bridge, which opened in September, shortened the drive between the two towns to "
    "nine minutes, but walkers and cyclists say its narrow footpath is unpleasant in traffic.",
    "The council has promised to keep the slipways and to allow a volunteer group to run a small "
    "electric boat on summer weekends if it can raise the money for insurance and a licence.",
    "The volunteers have so far collected 38,000 euros, less than half of what they need, and "
    "plan a second appeal in the spring when the river festival draws visitors to Aldmoor.",
    "The Margit itself will not be scrapped: a museum in the port town of Hallin has offered to "
    "take the boat, restore its engine and show it beside the old customs house from next year.",
    "Ried said he would miss the river more than the work, and that he hoped to drive the "
    "volunteers' boat on Sundays if the group found the money and the council kept its word.",
    "As the Margit tied up at Wexley for the last time, the crowd on both banks applauded and "
    "the church bells of the two towns rang together, as they had when the service began.",
]
FERRY_TEASER = (
    "The Dorn river's last wooden ferry crossed for the final time after more than a century, "
    "watched by hundreds of former passengers. A new road bridge has made the service "
    "redundant, but volunteers hope to bring a smaller boat back in summer."
)


def teaser_page() -> str:
    """A page whose article-body container holds only a teaser and a sign-up form, while the
    report itself sits in another container: both trafilatura passes find the teaser."""
    body = "".join(f"<p>{p}</p>" for p in FERRY_PARAGRAPHS)
    nav = "".join(f'<li><a href="/s{k}">Section {k}</a></li>' for k in range(8))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Last wooden ferry crosses the Dorn | Valley Post</title></head><body>
<header><ul>{nav}</ul></header>
<main>
<div class="article-body"><p class="standfirst">{FERRY_TEASER}</p>
<div class="promo-box"><p>Get the Valley Post morning briefing in your inbox every day: the
news from the valley's towns and villages, the weather, the week's events and the stories our
readers talk about most. It is free, and you can leave whenever you want.</p>
<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div></div>
<div class="story-wrap"><div class="text">{body}</div></div>
</main><footer><p>Valley Post, 2 Mill Lane, Aldmoor</p></footer></body></html>"""


def page(
    title: str,
    paragraphs: list[str],
    lang: str = "en",
    charset: str | None = "utf-8",
    heading: bool = True,
) -> str:
    """A plain news page: a header, the title (as <title>, and as <h1> with `heading`), the
    paragraphs in an article, a footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = (f"<h1>{title}</h1>" if heading else "") + "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title}</title></head><body>
<header><a href="/">Home</a></header><main><article>{body}</article></main>
<footer><a href="/about">About</a></footer></body></html>"""


# Texts written for these tests in each language and script.
ZH_TITLE = "河谷市老桥今起封闭维修"
ZH_PARAGRAPHS = [
    "河谷市老桥今起封闭维修，市政府周一宣布，这座建于一九三五年的石桥将关闭八个月，"
    "工程总投资约一亿二千万元，主要更换桥面和加固桥墩。",
    "交通部门表示，维修期间公交车将绕行新桥，早晚高峰增加班次。渡轮每天运行到晚上十点。",
    "附近商户担心客流减少吗？商会会长说，大家会尽量配合施工，希望工程按期完成。",
]
BN_TITLE = "নদীর পুরনো সেতু আট মাস বন্ধ থাকবে"
BN_PARAGRAPHS = [
    "শহরের পুরনো পাথরের সেতুটি সোমবার থেকে আট মাসের জন্য বন্ধ থাকবে। পৌরসভা জানিয়েছে যে "
    "সেতুর পাটাতন বদলানো হবে এবং খুঁটিগুলো মজবুত করা হবে।",
    "এই সময়ে বাসগুলো নতুন সেতু দিয়ে চলবে। সকালে ও সন্ধ্যায় বাড়তি বাস দেওয়া হবে।",
    "কাছের দোকানদাররা বিক্রি কমে যাওয়ার ভয় পাচ্ছে। তবে তারা কাজ সময়মতো শেষ হওয়ার আশা করছে।",
]
AR_TITLE = "إغلاق الجسر القديم ثمانية أشهر للصيانة"
AR_PARAGRAPHS = [
    "أعلنت البلدية يوم الاثنين أن الجسر الحجري القديم سيغلق ثمانية أشهر لاستبدال سطحه وتقوية "
    "دعاماته، بتكلفة تبلغ نحو اثني عشر مليون دينار.",
    "وقال مدير النقل إن الحافلات ستعبر الجسر الجديد خلال فترة الأشغال، "
    "مع رحلات إضافية صباحا ومساء.",
    "هل سيتأثر التجار في السوق القريب؟ يقول رئيس الغرفة التجارية "
    "إنهم يأملون أن تنتهي الأشغال في موعدها.",
]
RU_TITLE = "Старый мост закроют на восемь месяцев"
RU_PARAGRAPHS = [
    "Городская администрация объявила в понедельник, что старый каменный мост закроют на "
    "восемь месяцев: рабочие заменят настил и укрепят опоры.",
    "«Автобусы пойдут через новый мост, а в часы пик мы добавим рейсы», — сказал глава "
    "транспортного управления Пётр Ланин.",
    "Владельцы соседних лавок опасаются, что покупателей станет меньше, но надеются, что ремонт "
    "закончат в срок.",
]
JA_TITLE = "旧橋、八か月の改修へ"
JA_PARAGRAPHS = [
    "市は月曜日、一九三五年に建てられた石造りの旧橋を八か月間閉鎖し、橋面の交換と橋脚の補強を"
    "行うと発表した。",
    "工事の間、バスは新しい橋を通り、朝夕の便を増やす。「ご不便をおかけします」と担当者は話した。",
    "近くの商店主たちは客足が減ることを心配しているが、工事が予定どおり終わることを願っている。",
]
FR_TITLE = "Le vieux pont fermé huit mois"
FR_PARAGRAPHS = [
    "La mairie a annoncé lundi que le vieux pont de pierre sera fermé pendant huit mois : les "
    "ouvriers remplaceront le tablier et renforceront les piles.",
    "« Les bus passeront par le nouveau pont, avec des départs supplémentaires aux heures de "
    "pointe », a précisé l’adjoint chargé des transports.",
    "Les commerçants du quartier craignent une baisse de la fréquentation, mais espèrent que les "
    "travaux s’achèveront à temps.",
]


def hover_card_page() -> str:
    """A page in The Hill's shape: a person's name in a paragraph carries a hover card (their
    full name, a picture and headlines) in a span that the page shows only on hover."""
    card = (
        '<span class="rollover-people"><a class="rollover-people-link" href="/people/ada-brenn">'
        'Ada Brenn</a><span class="rollover-people-block"><span class="rollover-block"><span>'
        '<img src="/brenn.jpg" alt=""><a class="name" href="/people/ada-brenn">Ada Maria Brenn</a>'
        '<a href="/a1">Harbour mayor wins second term</a> <a href="/a2">Mayor opens ferry link</a>'
        ' <a class="more" href="/people/ada-brenn">MORE</a></span></span></span></span>'
    )
    paragraphs = [
        f"Harbour Mayor {card} (Ind.) is defending the town’s plan to close the old bridge "
        "for eight months of repairs.",
        *FERRY_PARAGRAPHS[:6],
    ]
    return page("Mayor defends bridge closure", paragraphs)
