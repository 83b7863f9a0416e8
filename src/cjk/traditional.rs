//! Which characters the script fold can change: every Traditional character of the
//! `fast2s` table (and the ones it converts only beside certain neighbours), as a bit set
//! built at compile time.
//!
//! Reports are nearly all Simplified already; a text holding none of these characters is
//! its own fold, so the fold checks this set (a few nanoseconds a character, no start-up
//! cost) before it pays for the table look-up of every character.

/// The characters, in code point order. A test checks that the table of `fast2s` changes
/// no other character.
const TRADITIONAL: &str = concat!(
    "丟並乾亂亙亞仝佇佈佔併來侖侶侷俁係俠倆倈倉個們倖倣倫偉側偵偸偽傑",
    "傖傘備傚傢傭傯傳傴債傷傾僂僅僉僑僕僞僥僱價儀儂億儈儉儐儔儕儘償優",
    "儲儷儸儺儻儼兇兌兒兗內兩冊冪凍凜凟凱別刪剄則剋剎剛剝剮剴創剷劃劄",
    "劇劉劊劌劍劑劒勁動勗務勛勝勞勢勣勦勱勳勵勸勻匭匯匱區協卹卻厙厠厤",
    "厭厰厲參叄叢吒吳吶呂呱呵員唄唸問啓啞啟啢啣喚喪喫喬單喲嗆嗇嗎嗚嗩",
    "嗶嘆嘍嘔嘖嘗嘜嘩嘮嘯嘰嘸噁噓噝噠噥噯噲噴噸噹嚀嚇嚕嚙嚥嚦嚨嚮嚳嚴",
    "嚶囀囂囈囉囑囘囪囬圇國圍園圓圖團坰埡埰執堅堊堝堦堯報場堿塊塋塏塗",
    "塚塢塤塲塵塹塼墊墜墮墳墻墾壇壋壎壓壘壙壞壟壠壢壩壯壺壼壽夀夠夢夥",
    "夾奐奧奩奪奬奮妝姍姦姪娛婁婦婬婭媧媮媯媼媽嫋嫗嫵嫺嫻嬀嬈嬋嬌嬙嬡",
    "嬤嬪嬭嬰嬸嬾孃孌孫學孿宮寜寢實寧審寫寬寵寶將專尋對導尷屆屍屜屢層",
    "屬屭岡峴島峽崍崐崑崗崙崢嵐嵗嶄嶇嶔嶗嶠嶢嶧嶴嶸嶺嶼嶽巋巒巔巖巗巰",
    "巹帥師帳帶幀幃幗幘幟幣幫幬幹幺幾庫廁廂廄廈廎廏廐廕廚廝廟廠廡廢廣",
    "廩廬廳廻廼弒弔弳張強彈彊彌彎彙彜彠彥彫彷彿後徑從徠復徬徵徹恆恥悅",
    "悵悶悽惡惱惲惻愛愜愨愴愷愾慄態慍慘慚慟慣慤慫慮慳慶慾憂憊憐憑憒憚",
    "憤憫憮憲憶懇應懌懍懟懣懲懶懷懸懺懼懽懾戀戇戔戧戩戯戰戲戶扡拋挾捍",
    "捨捫捲掃掄掙掛採揀揚換揮揹搆損搖搗搶搾摑摜摟摣摯摳摶摺摻撃撈撐撓",
    "撚撟撣撥撫撲撳撻撾撿擁擄擇擊擋擔擕據擠擡擣擧擬擯擰擱擲擴擷擺擻擼",
    "擾攄攆攏攔攖攙攛攜攝攢攣攤攪攬攷敍敗敘敵數敺斂斃斕斬斲斷於旂昇時",
    "晉晝暈暉暘暢暫暱曄曆曇曉曖曠曡曬書會朧朮東杴柵桿梔梘條梟梱棄棖棗",
    "棟棧棲棶椏楊楓楨業極榦榮榿槃構槍槓槤槨槮槳樁樂樅樑樓標樞樣樸樹樺",
    "橈橋機橢橫檁檉檔檜檟檢檣檮檯檳檸檻櫃櫓櫚櫛櫝櫞櫟櫥櫨櫪櫫櫬櫳櫸櫺",
    "櫻欄權欏欒欖欽歎歐歛歟歡歲歷歸歿殘殞殤殫殭殮殯殲殺殻殼毀毆毉毬毿",
    "氂氈氊氣氫氬氳氾汎汙汚決沒沖況泝洩洶浹涇涖涼淒淚淥淨淩淪淵淶淺渙",
    "減渢渦測渾湊湞湣湧湯溈準溝溫溮溼滄滅滌滎滙滬滯滲滷滸滻滾滿漁漊漚",
    "漢漣漬漲漵漸漿潁潑潔潛潤潯潰潿澀澁澂澆澇澗澠澤澮澱濁濃濕濘濛濟濤",
    "濫濬濰濱濶濺濼濾瀅瀆瀉瀋瀏瀕瀘瀝瀟瀠瀦瀧瀨瀰瀲瀾灃灑灕灘灝灣灤灩",
    "災炁炤為烏烱烴無煅煆煇煉煒煖煙煢煥煩煬熅熒熗熱熲熾燁燄燈燉燐燒燙",
    "燜營燦燬燭燴燻燼燾燿爍爐爛爭爲爺爾牀牆牋牐牘牴牽犖犛犢犧狀狹狽猙",
    "猶猻獁獃獄獅獎獨獪獫獮獰獲獵獷獸獺獻獼玀玆玨珮現琯琱琺琿瑉瑋瑒瑣",
    "瑤瑩瑪瑯瑲璉璡璣璦璫環璵璽璿瓊瓏瓔瓚甌甎甕產産甦甯畝畢畫畬異畱當",
    "疇疊疋痙痠痺瘋瘍瘓瘞瘡瘧瘺瘻療癆癇癉癒癘癟癡癢癤癥癩癬癭癮癰癱癲",
    "發皐皚皰皸皺盃盜盞盡監盤盧盪眎眡眥眾睜睞瞇瞞瞭瞼矇矚矯矽砲硃硜硤",
    "硨硯碩碭碸確碼磐磑磚磧磯磽礄礎礙礦礪礫礬礮礱祐祕祗祿禍禎禕禦禪禮",
    "禰禱禿秈稅稈稜稟稭種稱穀穌積穎穠穡穢穨穩穫窩窪窮窯窰窵窶窺竄竅竇",
    "竈竊竝竪競筆筍筦筧箇箋箏節範築篋篔篛篠篤篩篳簀簍簑簞簡簣簫簷簹簽",
    "簾籃籌籐籙籛籜籟籠籤籥籩籬籮籲粧粵糞糢糧糰糲糴糶糾紀紂約紅紆紇紈",
    "紉紋納紐紓純紕紗紘紙級紛紜紝紡紥紮細紱紲紳紵紹紺紿絀終絃組絆絎結",
    "絕絛絝絞絡絢給絨絰統絲絳絶絹綁綃綆綉綏綑經綜綞綠綢綣綫綬維綯綰綱",
    "網綳綴綵綸綹綺綻綽綾綿緄緇緊緋緑緒緗緘緙線緜緝緞締緡緣緦編緩緬緯",
    "緱緲練緹緻縂縈縉縊縋縐縑縛縝縞縟縣縧縫縭縮縱縲縴縵縶縷縹總績繃繅",
    "繆繒織繕繖繙繚繞繡繩繪繫繭繮繯繳繹繼繽繾纇纈纊續纍纏纓纔纖纘纜缐",
    "缽罈罌罎罰罵罷羅羆羈羋羥羨義羶習翬翹翺翽耑耬聖聞聯聰聲聳聵聶職聹",
    "聼聽聾肅脅脇脈脛脣脩脫脹腎腖腦腫腳腸膚膠膩膽膾膿臉臍臏臘臚臟臠臥",
    "臨臯臺與興舉舊舖舘艙艤艦艫艱艶艷芻苧茲荊莊莖莢莧華菴菸萇萊萬萵葉",
    "葒著葦葯葷蒐蒓蒔蒞蒼蓀蓆蓋蓧蓮蓯蓴蓽蔆蔔蔞蔣蔥蔦蔭蔴蕁蕎蕒蕕蕘蕢",
    "蕩蕪蕭蕷薀薈薊薌薑薔薘薟薦薩薰薺藉藍藎藝藥藪藴藶藹藺蘄蘆蘇蘊蘋蘗",
    "蘚蘞蘢蘭蘿處虛虜號虧虯蛺蛻蜆蝕蝟蝦蝨蝸螄螘螞螢螻螿蟄蟈蟎蟬蟯蟲蟶",
    "蟻蠅蠆蠍蠐蠑蠔蠟蠣蠱蠶蠻衆衊術衕衚衛衝衞衹袞裏補裝裡製複褌褘褲褳",
    "褸褻襆襍襖襠襤襪襬襯襲襴覆覈見規覓覔視覘覡覥覦覧親覬覯覲覷覺覽觀",
    "觔觝觴觶觸訂訃計訊訌討訐訓訕訖託記訛訝訟訢訣訥訪設許訴訶診註証詁",
    "詆詎詐詒詔評詗詘詛詞詠詡詢詣試詩詫詬詭詮詰話該詳詵詼詿誄誅誆誇誌",
    "認誑誒誕誘誚語誠誡誣誤誥誦誨說説誰課誹誼調諂諄談諉請諍諏諒論諗諛",
    "諜諡諢諤諦諧諫諭諮諱諳諶諷諸諺諾謀謁謂謄謊謎謐謔謖謗謙謚講謝謠謡",
    "謨謫謬謳謹謾譁證譌譎譏譖識譙譚譜譟譫譯議譴護譽讀變讌讎讐讒讓讕讖",
    "讚讜讞谿豈豎豐豔豬貍貒貓貝貞負財貢貧貨販貪貫責貯貰貲貳貴貶買貸貺",
    "費貼貽貿賀賁賂賃賄賅資賈賊賑賒賓賔賕賙賚賜賞賠賡賢賣賤賦賧質賬賭",
    "賴賸賺購賽賾贄贅贇贈贊贋贍贏贓贔贖贗贛赬趕趙趨跡跼踐踴蹌蹕蹟蹠蹣",
    "蹤蹺躂躉躊躋躍躑躒躕躡躥躪軀車軋軌軍軑軒軔軛軟軫軲軸軹軻軼軾較輅",
    "載輊輒輓輔輕輛輜輝輞輟輥輦輩輪輭輯輳輸輻輾輿轂轄轅轆轉轍轎轟轡轢",
    "轤辤辦辭辮辯農迴迺逕這連週進遊運過達違遙遜遞遠適遲遷選遺遼邁還邇",
    "邊邏郟郵鄆鄉鄒鄔鄕鄖鄘鄧鄭鄰鄲鄴鄶鄺酈醃醖醜醞醤醫醬醯醱釀釁釋釐",
    "釓釔釕釗釘釙針釣釤釦釧釩釬釵釷釹釺鈀鈁鈃鈄鈈鈉鈍鈎鈐鈑鈒鈔鈕鈞鈣",
    "鈥鈦鈧鈮鈰鈳鈴鈷鈸鈹鈺鈽鈾鈿鉀鉄鉅鉈鉉鉋鉍鉑鉕鉗鉚鉛鉞鉢鉤鉦鉬鉭",
    "鉶鉸鉺鉻鉿銀銃銅銍銑銓銖銘銚銛銜銠銣銥銦銨銩銪銫銬銲銳銷銹銻銼鋁",
    "鋂鋅鋇鋌鋏鋒鋙鋟鋤鋥鋦鋨鋪鋭鋮鋯鋰鋱鋶鋸鋻鋼錁錄錇錐錒錕錘錚錛錟",
    "錠錡錢錦錨錩錫錮錯録錳錶錸錼鍀鍆鍇鍊鍋鍍鍔鍘鍚鍛鍠鍤鍥鍩鍬鍰鍵鍶",
    "鍺鍼鍾鎂鎄鎊鎔鎖鎘鎚鎛鎢鎣鎦鎧鎩鎬鎮鎰鎳鎵鎸鎿鏃鏇鏈鏌鏐鏑鏗鏘鏜",
    "鏝鏞鏟鏡鏢鏤鏵鏷鏹鏽鐃鐐鐒鐓鐔鐘鐙鐠鐡鐦鐧鐨鐫鐮鐲鐳鐵鐸鐺鐿鑄鑊",
    "鑌鑑鑒鑔鑕鑞鑠鑣鑥鑪鑭鑰鑲鑷鑼鑽鑾鑿钂長門閂閃閆閈閉開閎閏閑閒間",
    "閔閘閙閡関閣閤閥閧閨閩閫閬閭閱閲閶閹閻閼閽閾閿闆闈闊闋闌闍闐闒闓",
    "闔闕闖關闞闡闢闥阨阪阬阯陘陜陝陞陣陰陳陸陽隂隄隊階隕隖際隣隨險隱",
    "隴隷隸隻雋雖雙雛雜雞離難雲電霑霧霽靂靄靈靚靜靦靨靭鞀鞏鞦鞽韁韃韆",
    "韋韌韓韙韜韝韞韻響頁頂頃項順頇須頊頌頎預頑頒頓頗領頜頡頤頦頫頭頰",
    "頲頴頷頸頹頻頽顆題額顎顏顒顓顔願顙顛類顥顧顫顬顯顰顱顳顴風颮颯颱",
    "颳颶颺颼飄飆飇飈飛飢飥飩飪飫飭飯飲飴飼飽飾餃餄餅餉養餌餎餑餒餓餕",
    "餘餚餛餜餞餡餧館餵餺餽餾餿饃饅饈饉饊饋饌饑饒饗饞饢馬馭馮馱馳馴駁",
    "駐駑駒駔駕駘駙駛駝駟駡駢駭駮駰駱駸駿騁騂騅騎騏騐騙騣騤騫騭騮騰騶",
    "騷騸騾驀驁驂驃驄驅驊驌驍驕驗驚驛驟驢驤驥驪骯髏髒體髕髖髣髩髮髴鬆",
    "鬍鬚鬢鬥鬧鬨鬩鬭鬮鬱魎魘魚魛魢魨魯魴魷鮁鮃鮊鮋鮍鮎鮐鮑鮒鮓鮜鮞鮪",
    "鮫鮭鮮鮶鯀鯁鯇鯉鯊鯒鯔鯕鯖鯗鯛鯝鯡鯢鯤鯧鯨鯪鯰鯷鯽鯿鰂鰃鰈鰉鰌鰍",
    "鰏鰐鰒鰓鰜鰟鰣鰥鰨鰩鰭鰮鰱鰲鰳鰵鰷鰹鰺鰻鰼鰾鱂鱅鱈鱉鱒鱔鱖鱗鱘鱝",
    "鱟鱠鱣鱤鱧鱨鱭鱷鱸鱺鳥鳧鳩鳬鳳鳴鳶鴆鴇鴉鴒鴕鴛鴝鴞鴟鴣鴦鴨鴯鴰鴴",
    "鴻鴿鵂鵐鵑鵒鵓鵜鵝鵞鵠鵡鵪鵬鵯鵰鵲鶇鶉鶓鶖鶘鶚鶡鶤鶥鶩鶯鶲鶴鶹鶺",
    "鶻鶼鶿鷀鷁鷂鷄鷊鷓鷖鷗鷙鷚鷥鷦鷯鷲鷴鷸鷹鷺鸌鸏鸕鸚鸛鸝鸞鹵鹹鹼鹽",
    "麅麗麥麩麪麫麯麴麵麹麼麽黃黌黏點黨黴黷黽黿鼂鼇鼈鼉鼴齊齋齎齏齒齗",
    "齙齜齟齠齡齣齦齧齪齬齲齶齷龍龐龔龕龜",
);

/// One bit per code point of the Basic Multilingual Plane: the only plane `fast2s` converts
/// (it reads three-byte UTF-8 characters only).
static BITS: [u64; 1024] = bits(TRADITIONAL);

const fn bits(text: &str) -> [u64; 1024] {
    let bytes = text.as_bytes();
    let mut out = [0u64; 1024];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] & 0xf0 == 0xe0 {
            let c = ((bytes[i] as usize & 0x0f) << 12)
                | ((bytes[i + 1] as usize & 0x3f) << 6)
                | (bytes[i + 2] as usize & 0x3f);
            out[c >> 6] |= 1 << (c & 63);
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the script fold may change a text holding `c`: `c` is a character of the table.
pub(super) fn may_fold_char(c: char) -> bool {
    let c = c as usize;
    (0x800..=0xffff).contains(&c) && BITS[c >> 6] & (1 << (c & 63)) != 0
}

/// Characters of the set that the table changes only beside a certain neighbour, with the
/// two-character words in which it does: 著 is 着 in 看著 and stays 著 everywhere else. 著 of
/// 显著 and 著名 is common in Simplified text, and a text whose only such character is one of
/// these, outside its words, needs no fold (and no table: `fast2s` builds its own on first
/// use, more than the rest of a small report's fold costs).
const CONTEXT_ONLY: &[(char, &[&str])] = &[('著', &["看著"])];

/// Whether the script fold may change `text`: it holds a character of the table, other than
/// a [`CONTEXT_ONLY`] one outside its words.
pub(super) fn may_fold(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 2 < bytes.len() {
        let lead = bytes[i];
        if lead & 0xf0 == 0xe0 {
            let c = ((lead as usize & 0x0f) << 12)
                | ((bytes[i + 1] as usize & 0x3f) << 6)
                | (bytes[i + 2] as usize & 0x3f);
            if BITS[c >> 6] & (1 << (c & 63)) != 0 && !stays_here(text, i) {
                return true;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    false
}

/// Whether the character at byte `at` of `text` is a [`CONTEXT_ONLY`] one outside its words.
fn stays_here(text: &str, at: usize) -> bool {
    let Some(c) = text[at..].chars().next() else {
        return false;
    };
    let Some((_, words)) = CONTEXT_ONLY.iter().find(|(only, _)| *only == c) else {
        return false;
    };
    let end = at + c.len_utf8();
    let before = text[..at].chars().next_back().map_or(0, char::len_utf8);
    let after = text[end..].chars().next().map_or(0, char::len_utf8);
    !words.iter().any(|word| {
        text[at - before..end].starts_with(word) || text[at..end + after].starts_with(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_the_table_changes_is_in_the_set() {
        for c in ('\u{800}'..='\u{ffff}').filter(|c| c.len_utf8() == 3) {
            let text = c.to_string();
            if fast2s::convert(&text) != text {
                assert!(may_fold(&text), "{c} is missing from the set");
            }
        }
    }

    #[test]
    fn context_only_characters_change_in_their_words_alone() {
        for (c, words) in CONTEXT_ONLY {
            assert_eq!(fast2s::convert(&c.to_string()), c.to_string(), "{c}");
            for word in *words {
                assert_ne!(&fast2s::convert(word), word, "{word}");
                assert!(may_fold(word), "{word}");
                assert!(may_fold(&format!("医院{word}。")), "{word}");
            }
            for x in ('\u{800}'..='\u{ffff}').filter(|x| x.len_utf8() == 3 && !may_fold_char(*x)) {
                for pair in [format!("{x}{c}"), format!("{c}{x}")] {
                    if !words.contains(&pair.as_str()) {
                        assert_eq!(fast2s::convert(&pair), pair, "{pair}");
                        assert!(!may_fold(&pair), "{pair}");
                    }
                }
            }
        }
        assert!(!may_fold("疗效显著，著名专家"));
        assert!(may_fold("疗效显著，醫院"));
    }

    #[test]
    fn context_conversions_are_in_the_set() {
        assert_eq!(fast2s::convert("計畫"), "计划");
        assert!(may_fold("藉口"));
        assert!(may_fold("看著"));
        assert!(may_fold("计畫"));
    }

    #[test]
    fn the_character_test_agrees_with_the_text_test() {
        for c in ('\0'..='\u{ffff}').chain(['𠀀', '😀']) {
            // A context-only character may change a text, but not alone.
            let alone = may_fold_char(c) && !CONTEXT_ONLY.iter().any(|(only, _)| *only == c);
            assert_eq!(alone, may_fold(&c.to_string()), "{c:?}");
        }
    }

    #[test]
    fn simplified_text_needs_no_fold() {
        assert!(!may_fold(
            "2024年门诊量达到42.15万人次，医保电子凭证使用率由26.3%增加到52.5%。"
        ));
        assert!(!may_fold(""));
        assert!(may_fold("门诊量達到"));
        assert!(may_fold("醫"));
    }
}
