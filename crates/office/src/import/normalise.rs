//! What the importer changes in the text before reading it, each change
//! counted for the report: bytes decoded from the file's encoding, HTML
//! entities left by web pages (&nbsp; and its misspellings) removed, and a
//! notice in traditional characters converted to simplified ones. Nothing
//! else in the text is rewritten here.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The text of a file, from its bytes: UTF-8 with or without BOM, UTF-16
/// with BOM (or without, when every other byte is zero), else GB18030
/// (which includes GBK and GB2312: what Notepad on a Chinese Windows saves
/// as "ANSI"). Gives the text and the encoding's name when it was not
/// plain UTF-8.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|t| (t.to_owned(), None))
            .map_err(|_| "文件开头标明是 UTF-8，但内容不是有效的 UTF-8 文本。".to_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, Some("UTF-16（小端）")));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, Some("UTF-16（大端）")));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), None));
    }
    // UTF-16 without a BOM: ASCII characters leave zero bytes at every
    // other position.
    let zeros = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = bytes.len() / 2;
    if half >= 4 && zeros(1) * 4 >= half && zeros(0) == 0 {
        return utf16(bytes, u16::from_le_bytes).map(|t| (t, Some("UTF-16（小端，无 BOM）")));
    }
    if half >= 4 && zeros(0) * 4 >= half && zeros(1) == 0 {
        return utf16(bytes, u16::from_be_bytes).map(|t| (t, Some("UTF-16（大端，无 BOM）")));
    }
    if bytes.contains(&0) {
        return Err("文件含有二进制内容，不是文本文件，也不是 .docx 文档。".into());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text.into_owned(), Some("GB18030/GBK（中文 Windows 的“ANSI”）")))
        .ok_or_else(|| {
            "文件的文字编码无法识别（不是 UTF-8、UTF-16，也不是 GBK/GB18030）。请在记事本中“另存为”，编码选 UTF-8 后再导入。".to_owned()
        })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| "文件标明是 UTF-16 编码，但内容已损坏，无法读取。".to_owned())
}

/// HTML entities a web page leaves in copied text, and the misspellings
/// seen in the wild (&bsp; and a lone nbsp;). Named entities that stand for
/// a character become that character; the spaces become nothing, as the
/// line cleaner squeezes spaces anyway.
pub fn entities(line: &str, found: &mut usize) -> String {
    if !line.contains('&') && !line.contains("nbsp;") && !line.contains("bsp;") {
        return line.to_owned();
    }
    const SPACES: &[&str] = &[
        "&amp;nbsp;",
        "&nbsp;",
        "&nbsp",
        "&bsp;",
        "&nbps;",
        "&ensp;",
        "&emsp;",
        "&thinsp;",
        "&#160;",
        "&#xa0;",
        "&#xA0;",
        "&#12288;",
        "&#x3000;",
        "nbsp;",
        "bsp;",
    ];
    const CHARS: &[(&str, &str)] = &[
        ("&ldquo;", "“"),
        ("&rdquo;", "”"),
        ("&lsquo;", "‘"),
        ("&rsquo;", "’"),
        ("&mdash;", "—"),
        ("&hellip;", "…"),
        ("&middot;", "·"),
        ("&quot;", "\""),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ];
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    'scan: while !rest.is_empty() {
        for entity in SPACES {
            if let Some(after) = rest.strip_prefix(entity) {
                *found += 1;
                out.push(' ');
                rest = after;
                continue 'scan;
            }
        }
        for (entity, c) in CHARS {
            if let Some(after) = rest.strip_prefix(entity) {
                *found += 1;
                out.push_str(c);
                rest = after;
                continue 'scan;
            }
        }
        let c = rest.chars().next().expect("not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Traditional characters and their simplified forms, as pairs, sorted.
/// Only characters that are never written in simplified text are here, so
/// that converting a simplified text changes nothing.
const PAIRS: &str = concat!(
    "並并佈布佔占併并來来係系俠侠倆俩倉仓個个們们倖幸値值倫伦偉伟側侧偵侦偽伪傑杰傘伞備备傢家傭佣傳传債债傷伤傾倾僅仅僑侨僕仆僞伪僱雇價价儀仪億亿儉俭儘尽優优儲储兇凶",
    "兒儿兩两冊册冪幂凈净凍冻凜凛凱凯則则剋克剛刚創创剷铲劃划劄札劇剧劉刘劊刽劍剑劑剂勁劲動动務务勛勋勝胜勞劳勢势勳勋勵励勸劝勻匀匯汇匱匮區区協协卻却厙厍厭厌厲厉參参",
    "叢丛吳吴吶呐員员問问啓启啟启喚唤喫吃單单嗎吗嘆叹嘗尝嘩哗噴喷噸吨噹当嚐尝嚥咽嚮向嚴严囑嘱囪囱國国圍围園园圓圆圖图團团堅坚報报場场塊块塗涂塵尘墊垫墳坟墾垦壇坛壓压",
    "壞坏壯壮壺壶壽寿夠够夢梦夥伙夾夹奪夺奮奋妝妆姦奸娛娱婁娄婦妇媽妈嬰婴孫孙學学孿孪寢寝實实寧宁審审寫写寬宽寶宝將将專专尋寻對对導导尷尴屆届屍尸屜屉層层屬属岡冈島岛",
    "峽峡崗岗嶄崭嶸嵘嶺岭嶽岳巒峦巔巅師师帳帐帶带幟帜幣币幫帮幹干幾几庫库廁厕廂厢廈厦廠厂廢废廣广廬庐廳厅張张強强彈弹彌弥彎弯彙汇彥彦彫雕後后徑径從从復复徬彷徵征徹彻",
    "恆恒悅悦惡恶惱恼愛爱愜惬態态慘惨慣惯慮虑慶庆慾欲憂忧憐怜憑凭憤愤憲宪憶忆懇恳應应懲惩懶懒懷怀懸悬戀恋戇戆戔戋戰战戲戏戶户扡扦拋抛挩捝挾挟捨舍捲卷掃扫掄抡揀拣揚扬",
    "換换損损搖摇搶抢摑掴摟搂撈捞撐撑撓挠撥拨撫抚撲扑撿捡擁拥擄掳擇择擊击擋挡擔担據据擠挤擡抬擬拟擲掷擴扩擷撷擺摆擾扰攏拢攔拦攜携攝摄攤摊攪搅攬揽敍叙敎教敗败敘叙敵敌",
    "數数斂敛斃毙斕斓斬斩斷断於于時时晉晋晝昼暈晕暉晖暢畅暫暂暱昵曄晔曆历曉晓曬晒書书會会朧胧東东桿杆條条棄弃棟栋楊杨業业極极榪杩榮荣構构槍枪槓杠樁桩樂乐樓楼標标樞枢",
    "樣样樹树橋桥機机橫横檔档檢检檯台檻槛櫃柜櫻樱欄栏權权歎叹歐欧歟欤歡欢歲岁歷历歸归殘残殲歼殺杀殼壳毀毁毆殴毿毵氈毡氣气氫氢氾泛汙污決决沒没沖冲況况洩泄洶汹涇泾淒凄",
    "淚泪淺浅減减渦涡測测渾浑湊凑湧涌準准溝沟溫温溼湿滅灭滬沪滯滞滲渗滾滚滿满漁渔漢汉漣涟漲涨漸渐漿浆潑泼潔洁潛潜潤润潰溃澀涩澇涝澗涧澤泽澱淀濁浊濃浓濕湿濛蒙濟济濤涛",
    "濫滥濱滨濺溅濾滤瀉泻瀋沈瀏浏瀕濒瀝沥瀰弥瀾澜灑洒灘滩灣湾災灾為为烏乌烴烃無无煉炼煒炜煙烟煥焕煩烦熒荧熱热燁烨燈灯燒烧燙烫營营燦灿燭烛燼烬爐炉爛烂爭争爲为爺爷爾尔",
    "牆墙牘牍牠它犖荦犢犊犧牺狀状狹狭猙狰猶犹猻狲獄狱獅狮獎奖獨独獲获獵猎獷犷獻献玀猡現现琺珐瑋玮瑣琐瑤瑶瑪玛璉琏環环璽玺瓊琼瓏珑甌瓯甕瓮產产甦苏甯宁畝亩畢毕畫画異异",
    "當当疇畴疊叠痙痉瘋疯瘓痪瘡疮療疗癒愈癡痴癢痒癥症癮瘾發发皚皑皰疱皺皱盃杯盜盗盞盏盡尽監监盤盘盧卢眾众睏困睜睁睞睐矇蒙矚瞩矯矫硃朱碩硕碭砀確确碼码磚砖磯矶礎础礙碍",
    "礦矿礫砾祇只祕秘祿禄禍祸禎祯禦御禪禅禮礼禱祷禿秃秈籼稅税稈秆稜棱稟禀種种稱称穌稣積积穎颖穢秽穩稳穫获窩窝窪洼窮穷窯窑窺窥竄窜竅窍竇窦竊窃竪竖競竞筆笔筍笋筧笕筴策",
    "箇个箋笺節节範范築筑篤笃篩筛簍篓簞箪簡简簫箫簽签籃篮籌筹籤签籬篱籲吁粵粤糞粪糧粮糰团糾纠紀纪約约紅红紋纹納纳紐纽紓纾純纯紕纰紗纱紙纸級级紛纷紜纭紡纺紮扎細细紳绅",
    "紹绍終终絃弦組组結结絕绝絞绞絡络絢绚給给絨绒統统絲丝綁绑綑捆經经綜综綠绿綢绸綫线維维綱纲網网綴缀綵彩綽绰綿绵緊紧緒绪線线緝缉緞缎緣缘編编緩缓緬缅緯纬練练縈萦縛缚",
    "縣县縫缝縮缩縱纵縴纤縷缕總总績绩繃绷織织繞绕繡绣繩绳繪绘繫系繭茧繳缴繼继續续纍累纏缠纔才纖纤纜缆罈坛罌罂罰罚罵骂罷罢羅罗羋芈羣群羥羟羨羡羶膻習习翬翚翹翘翺翱聖圣",
    "聞闻聯联聰聪聲声聳耸聶聂職职聽听聾聋肅肃脅胁脈脉脫脱脹胀腎肾腦脑腫肿腳脚腸肠膚肤膠胶膩腻膽胆膿脓臉脸臍脐臏膑臘腊臟脏臨临臺台與与興兴舉举舊旧舖铺艙舱艤舣艦舰艱艰",
    "艷艳芻刍苧苎莊庄莖茎華华萊莱萬万萵莴葉叶葷荤蒐搜蓋盖蓮莲蔔卜蔣蒋蔭荫蕎荞蕩荡蕭萧薊蓟薑姜薦荐薩萨藍蓝藝艺藥药藪薮藹蔼蘆芦蘇苏蘊蕴蘋苹蘗蘖蘚藓蘭兰蘿萝處处虛虚虜虏",
    "號号蝕蚀蝦虾螢萤蟬蝉蟲虫蠅蝇蠔蚝蠟蜡蠶蚕蠻蛮衆众衊蔑術术衕同衚胡衛卫衝冲衹只裏里補补裝装裡里製制複复褲裤襖袄襪袜襯衬襲袭覈核見见規规覓觅視视親亲覲觐覺觉覽览觀观",
    "觸触訂订訃讣計计訊讯討讨訓训託托記记訛讹訝讶訟讼訪访設设許许診诊註注詐诈詛诅詞词詠咏詢询試试詩诗詬诟話话該该詳详詼诙誅诛誇夸誌志認认誕诞誘诱語语誠诚誤误說说課课",
    "調调諄谆談谈請请諒谅論论諛谀諮咨諸诸諾诺謀谋謁谒謂谓謊谎謎谜謗谤講讲謝谢謠谣謬谬謹谨譁哗證证譏讥譖谮識识譜谱譯译議议譴谴護护譽誉讀读變变讎雠讒谗讓让讚赞讜谠豈岂",
    "豎竖豐丰豬猪貓猫貝贝貞贞負负財财貢贡貧贫貨货販贩貪贪貫贯責责貳贰貴贵貶贬買买貸贷費费貼贴貿贸賀贺賃赁賄贿資资賊贼賑赈賓宾賜赐賞赏賠赔賡赓賢贤賣卖賤贱賦赋質质賬账",
    "賴赖購购賽赛贅赘贈赠贊赞贏赢贓赃贖赎赬赪趕赶趙赵趨趋趲趱跡迹跼局踐践踡蜷踴踊蹟迹蹣蹒蹤踪躊踌躋跻躍跃車车軋轧軌轨軍军軒轩軔轫軟软軸轴軼轶較较載载輊轾輓挽輔辅輕轻",
    "輛辆輜辎輩辈輪轮輯辑輸输輻辐輿舆轄辖轆辘轉转轟轰辦办辭辞辮辫辯辩農农迆迤迴回迺乃逕迳這这連连週周進进遊游運运過过達达違违遙遥遜逊遝沓遞递遠远適适遲迟遷迁選选遺遗",
    "遼辽邁迈還还邇迩邊边邏逻郟郏郵邮鄉乡鄒邹鄧邓鄭郑鄰邻鄲郸醃腌醜丑醞酝醫医釀酿釁衅釋释釐厘釗钊釘钉針针釣钓鈍钝鈔钞鈕钮鈞钧鈣钙鈴铃鉀钾鉑铂鉗钳鉛铅鉤钩銀银銅铜銓铨",
    "銘铭銜衔銳锐銷销鋁铝鋅锌鋒锋鋤锄鋪铺鋸锯鋼钢錄录錘锤錢钱錦锦錨锚錫锡錯错錶表鍊炼鍋锅鍍镀鍛锻鍬锹鍵键鍼针鍾钟鎂镁鎊镑鎖锁鎮镇鏈链鏡镜鏤镂鏽锈鐘钟鐮镰鐵铁鐸铎鑄铸",
    "鑑鉴鑒鉴鑛矿鑰钥鑲镶鑽钻钁䦆钂镋锺钟長长門门閃闪閉闭開开閑闲閒闲間间閘闸閡阂閣阁閥阀閨闺閩闽閭闾閱阅閻阎闆板闈闱闊阔闌阑闔阖闖闯關关闡阐闢辟陘陉陝陕陣阵陰阴陳陈",
    "陸陆陽阳隄堤隊队階阶隕陨際际隨随險险隱隐隴陇隸隶隻只雋隽雖虽雙双雛雏雜杂雞鸡離离難难雲云電电霧雾霽霁靂雳靈灵靚靓靜静靦腼鞏巩韃鞑韋韦韌韧韓韩韻韵響响頁页頂顶項项",
    "順顺頇顸須须頌颂預预頒颁頓顿頗颇領领頜颌頦颏頭头頰颊頷颔頸颈頹颓頻频顆颗題题額额顎颚顏颜願愿顛颠類类顧顾顫颤顯显顰颦風风颱台颳刮飄飘飛飞飪饪飯饭飲饮飽饱飾饰餃饺",
    "餅饼餉饷養养餒馁餓饿餘余餚肴餡馅館馆餵喂饃馍饅馒饑饥饒饶馬马馭驭馮冯馳驰馴驯駁驳駐驻駕驾駛驶駝驼駱骆騎骑騙骗騰腾騷骚驅驱驍骁驕骄驗验驚惊驟骤驢驴驥骥骯肮骾鲠髒脏",
    "體体髮发鬆松鬍胡鬢鬓鬥斗鬧闹鬨哄鬪斗鬱郁魎魉魚鱼魯鲁鮮鲜鯉鲤鯽鲫鰭鳍鰻鳗鱗鳞鱷鳄鱸鲈鳥鸟鳩鸠鳳凤鳴鸣鴉鸦鴨鸭鴻鸿鴿鸽鵑鹃鵝鹅鵬鹏鶯莺鶴鹤鷄鸡鷹鹰鸚鹦鸞鸾鹵卤鹼碱",
    "鹽盐麗丽麥麦麩麸麪面麵面麼么黃黄黌黉點点黨党黴霉黷黩黽黾鼕冬鼴鼹齊齐齋斋齒齿齔龀齟龃齡龄齣出齦龈齪龊龍龙龐庞龔龚龕龛龜龟",
);

fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = PAIRS.chars().collect();
        chars.chunks_exact(2).map(|p| (p[0], p[1])).collect()
    })
}

/// How many characters of the text are traditional-only.
pub fn traditional_count(text: &str) -> usize {
    let table = table();
    text.chars().filter(|c| table.contains_key(c)).count()
}

/// Whether the text is written in traditional characters: enough of them,
/// and enough of its Chinese characters, that a name or two does not count.
pub fn is_traditional(text: &str) -> bool {
    let traditional = traditional_count(text);
    let chinese = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    traditional >= 8 && traditional * 20 >= chinese
}

/// The text in simplified characters, with the conversions made (each
/// pair once, in order of first use) and their count.
pub fn simplified(text: &str, seen: &mut Vec<(char, char)>, count: &mut usize) -> String {
    let table = table();
    text.chars()
        .map(|c| match table.get(&c) {
            Some(&s) => {
                *count += 1;
                if seen.len() < 200 && !seen.iter().any(|(t, _)| *t == c) {
                    seen.push((c, s));
                }
                s
            }
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let text = "关于开展2021年“质量月”活动的通知";
        assert_eq!(decode(text.as_bytes()).unwrap(), (text.to_owned(), None));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap().0, text);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (decoded, name) = decode(&gbk).unwrap();
        assert_eq!(decoded, text);
        assert!(name.unwrap().contains("GBK"));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap().0, text);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().0, text);
        let ascii_le: Vec<u8> = "hello, 质量月 notice"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&ascii_le).unwrap().0, "hello, 质量月 notice");
        assert!(decode(&[0x81, 0x20, 0xFF, 0xFF]).is_err());
        assert!(decode(&[0xFF, 0xFE, 0x00]).is_ok());
    }

    #[test]
    fn entities_and_their_misspellings() {
        let mut n = 0;
        assert_eq!(
            entities("&nbsp;&nbsp;为做好&bsp;工作&ldquo;质量月&rdquo;", &mut n),
            "  为做好 工作“质量月”"
        );
        assert_eq!(n, 5);
        let mut n = 0;
        assert_eq!(entities("A&B 公司", &mut n), "A&B 公司");
        assert_eq!(n, 0);
    }

    #[test]
    fn traditional_to_simplified() {
        let text = "市場監管總局關於開展2021年全國“質量月”活動的通知";
        assert!(is_traditional(&format!("{text}{text}")));
        let (mut seen, mut count) = (Vec::new(), 0);
        assert_eq!(
            simplified(text, &mut seen, &mut count),
            "市场监管总局关于开展2021年全国“质量月”活动的通知"
        );
        assert!(count >= 8);
        let simple = "市场监管总局关于开展知识产权宣传周活动的通知，著作权";
        assert!(!is_traditional(simple));
        assert_eq!(simplified(simple, &mut seen, &mut count), simple);
    }
}
