import type { AlertTypeSpec } from './alert-type.model.ts';

// The 37 police matters the case team (案件队) takes. Codes are stable: never rename or reuse one,
// retire it instead. Keyword weights: 1 context word, 2 usual wording, 3 strong cue, 4-5 decisive
// term. A phrase inside a longer matched phrase does not count on its own (see alert.classifier.ts).
export const CASE_TEAM_SPECS = [
  // ---- property crime (侵财类)
  {
    code: 'CT-THEFT',
    nameZh: '盗窃',
    nameEn: 'Theft',
    category: 'property-crime',
    lane: 'case-team',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'Property stolen from a person, shop or place, not by breaking into a home.',
    keywords:
      '盗窃:4 偷窃:4 行窃:4 失窃:4 偷东西:4 被偷:3 偷走:3 偷了:2 被盗:3 小偷:3 贼:2 偷:2 盗:1 ' +
      '偷拿:3 顺走:3 顺手牵羊:4 拿走:1 被人拿走:2 不知道谁拿:3 谁拿的:2 不见了:1 丢了:1 没了:1 ' +
      '少了:1 手机+偷:2 钱包+偷:2 店里+偷:3 超市+偷:3 监控+偷:2 监控+拿走:3 趁+不注意:3 偷+快递:3 ' +
      '快递+丢:2 储物柜:2 柜子+没了:2 现金+少了:2 顺了:3 冒领:4 没结账:4 没付钱:3 揣兜里:3 ' +
      '往兜里揣:3 让人拿走:3 叫人拿走:3 被人顺:3 偷菜:4 偷摘:4 割走:3 偷割:4 偷挖:3 工地+偷:3 ' +
      '钢筋:2 更衣柜:2 衣柜+不见:3 老是少:3 抓到+偷:3 内部人:2 被人拿了:3 端走:3 拎走:3 被人拎走:4 ' +
      '让人端走:4 门没坏:3 少几箱:4 婴儿车+拿走:4 菜地:3 被人割走:4 沙滩:2 快递柜+拿:3 废铁:3 ' +
      '拉走了一车:4 醒来+不见了:3 让人收走:4 钱包少了:4 床头柜+钱:4 往书包里装:4 没付钱就:4 ' +
      '叫人给偷了:4 给偷了:3 睡了一觉+不见:4 洗澡+钱:3 掏光了:4 揣走:4',
  },
  {
    code: 'CT-BURGLARY',
    nameZh: '入室盗窃',
    nameEn: 'Burglary',
    category: 'property-crime',
    lane: 'case-team',
    priority: 2,
    resolveHours: 12,
    isDispute: false,
    description: 'A home, office or shop broken into and property stolen.',
    keywords:
      '入室盗窃:5 入室:3 入户:3 家里被盗:5 家里被偷:5 撬门:4 撬锁:4 锁被撬:5 门被撬:5 窗户被撬:5 ' +
      '被撬:4 撬开:4 撬:3 翻窗:3 翻得乱七八糟:4 翻得乱:3 被翻:3 被人翻:3 翻开:2 翻遍:3 进贼:4 ' +
      '进了贼:5 进小偷:5 进了小偷:5 闯空门:5 溜门:4 卷帘门:2 仓库+撬:4 仓库+偷:3 防盗门+开着:3 ' +
      '柜子+翻:3 家里+偷:3 家里+被盗:3 屋里+偷:2 店铺+撬:4 抽屉+翻:2 爬进+拿走:3 爬进+偷:3 ' +
      '翻进+偷:3 门锁+撬:4 家+拿走:2 回家+没了:2 家被盗:5 家里被翻:4 翻窗跑:4 翻窗+跑了:4 锁芯被:3 ' +
      '办公室+撬:4 办公室+进贼:5 铺子+撬:4 卷闸门+撬:5 保险柜+撬:5 被搬走:3 仓库+丢:3 仓库+剪断:4 ' +
      '屋里乱七八糟:4 乱七八糟+没了:3 纱窗+划:4 纱网+划:4 被人弄开:3 柜子都翻:4 首饰盒:3 ' +
      '首饰+没了:3 被砸开:4 虚掩:3 值钱的东西+没了:4 家进人:4 窗户+爬进来:4 进过屋:4 窗户钻进来:5 ' +
      '钻进来:4 玻璃门+被砸开:5 商铺+砸开:4',
  },
  {
    code: 'CT-PICKPOCKET',
    nameZh: '扒窃',
    nameEn: 'Pickpocketing',
    category: 'property-crime',
    lane: 'case-team',
    priority: 2,
    resolveHours: 24,
    isDispute: false,
    description: 'Property taken from a bag or pocket in a crowd, bus, metro or market.',
    keywords:
      '扒窃:5 扒手:5 掏包:5 划包:5 包被划:5 包被割:5 被掏:4 掏走:4 摸走:4 拉链被拉开:5 拉链开了:3 ' +
      '拉链:3 挤:1 人多:1 排队:1 公交+偷:3 地铁+偷:3 公交车上:2 地铁上:2 地铁+钱包:2 公交+钱包:2 ' +
      '兜里+偷:3 口袋+偷:3 口袋+没了:3 兜里+没了:3 裤兜:2 口袋里:2 兜里:2 外套口袋:2 菜市场+偷:2 ' +
      '火车站+偷:3 包+拉开:3 背包:1 伸进:3 手伸进:4 掏兜:5 被扒:4 给扒了:4 扒了:3 钱包+扒:4 ' +
      '人挤人:2 挤地铁:3 挤公交:3 挤+没了:3 散场+偷:3 赶集+偷:3 大集+偷:3 庙会+偷:3 早市+偷:3 ' +
      '刀片:3 割了个口子:4 划了个口子:4 包+割:3 贴着我:2 衣服挡着:4 后兜:3 挎包:2 背包+没了:3 ' +
      '挑菜:3 包里的钱包:4 一前一后夹着:5 夹着我:4 偷老太太的钱包:5 专门偷+钱包:4 菜市场+小偷:4',
  },
  {
    code: 'CT-VEHICLE-THEFT',
    nameZh: '车辆被盗',
    nameEn: 'Vehicle theft',
    category: 'property-crime',
    lane: 'case-team',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'Car, motorcycle, e-bike or bicycle stolen, or its battery, plates or contents.',
    keywords:
      '车被偷:5 车被盗:5 偷车:5 盗车:5 车丢了:4 车不见了:4 车没了:4 电瓶被偷:5 电瓶:2 电动车:1 ' +
      '电瓶车:1 自行车:1 山地车:1 单车:1 摩托车:1 摩托:1 机车:1 轿车:1 汽车:1 骑走:4 车被开走:4 ' +
      '电动车+偷:4 电瓶车+偷:4 自行车+偷:4 单车+偷:3 山地车+偷:4 摩托+偷:4 汽车+偷:3 轿车+偷:3 ' +
      '车里+偷:3 电动车+不见:4 电瓶车+不见:4 自行车+不见:4 摩托+不见:4 机车+不见:4 停在+不见了:3 ' +
      '停在+没了:3 车牌+偷:3 车牌被:3 车内财物:4 车里+拿走:4 车库+拿走:3 锁被剪:4 剪断:2 卸走:3 ' +
      '电池+拔走:4 电池+偷:4 电瓶+丢:4 电池+丢:3 电瓶+没了:4 电池+没了:3 车+推走:4 整辆车:3 轮毂:4 ' +
      '偷油:5 油箱+撬:4 抽油:4 偷抽:4 车窗+拿走:4 三轮车+开走:4 三轮+偷:4 面包车+不见:4 ' +
      '车+不见了:3 自行车+没了:4 单车+没了:3 电动车+没了:4 摩托+没了:4 电瓶车+没了:4 车牌+卸:4 ' +
      '连车带:3 车标:4 后视镜+拆走:5 拆走:3 车门没锁:3 油+偷抽:5 车窗被砸了+拿走:5 车里放的:3',
  },
  {
    code: 'CT-ROBBERY',
    nameZh: '抢劫',
    nameEn: 'Robbery',
    category: 'property-crime',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'Property taken by force or threat of force.',
    keywords:
      '抢劫:5 打劫:5 劫财:5 抢钱:4 拦路抢:5 持刀抢:5 把钱交出来:5 钱交出来:4 交出来:3 被抢:2 ' +
      '抢走:2 抢:1 蒙面:3 逼我交:4 逼着转账:4 逼我转账:4 刀架:3 刀顶着:5 顶着脖子:4 勒住:4 掐住:3 ' +
      '按在地上:2 拿刀+逼:4 刀+逼:4 刀+抢:3 刀+要钱:4 打+抢:3 按住+抢:4 砸+抢:3 冲进+抢:4 ' +
      '逼+要钱:3 搜身:4 搜走:4 逼我+转:4 逼着+交:4 不给钱就捅:5 不给钱就打:4 围住+钱:3 营业款:3 ' +
      '金店:2 抢劫了:5 刀抵着:5 抵着:3 拿刀+钱:4 拦住+抢:4 拦下+抢:4 棍子+逼:4 逼+转给:4 勒住+抢:5 ' +
      '勒住我脖子:5',
  },
  {
    code: 'CT-SNATCH',
    nameZh: '抢夺',
    nameEn: 'Snatch theft',
    category: 'property-crime',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'Bag, phone or jewellery snatched and the thief ran or rode off.',
    keywords:
      '抢夺:5 飞车抢:5 一把抢:4 一把夺:4 抢了就跑:5 抢完就跑:5 抢过去:4 夺过去:5 夺走:4 拽走:4 ' +
      '扯走:4 拽下:4 扯下:4 抢走:2 被抢:2 抢:1 夺:2 项链:2 金链:2 耳环:2 项链+抢:4 金链子+抢:4 ' +
      '包+抢:2 手机+抢:2 骑+抢:2 抢+跑了:3 夺+跑了:4 拽+跑了:3 一把+跑了:3 带倒:2 抢+就跑:4 夺过:4 ' +
      '硬拽:4 镯子:2 手镯:2 镯子+拽:4 耳环+抢:4 抢包:4 飞车:3 抢手机:4 抢了我的包:4',
  },
  {
    code: 'CT-FRAUD',
    nameZh: '诈骗',
    nameEn: 'Fraud (in person)',
    category: 'property-crime',
    lane: 'case-team',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'Money or goods obtained by deception face to face: swaps, fake goods, sham deals.',
    keywords:
      '诈骗:3 被骗:3 骗子:3 骗走:3 骗了:2 骗:2 上当:3 受骗:3 冒名:3 假冒:3 自称:2 调包:5 掉包:5 ' +
      '保健品:4 消灾:4 算命:3 看相:3 血光之灾:5 假药:3 假金:4 是假的:3 假的:2 鉴定:2 玉石:2 古董:2 ' +
      '以次充好:4 捡到+分给:4 捡到钱+分:4 换走:3 帮忙办事:4 办事+钱:2 骗+钱:2 骗+老人:3 推销+骗:2 ' +
      '收了钱+跑:3 收了钱+不见:3 定金+骗:3 卖家+不见:3 领导+钱:2 冒充:3 冒充+上门:3 根本不是:2 ' +
      '冒充+工作人员:4 冒充+收:3 大师:3 祈福:4 办低保:3 能治好:3 治癌症:4 讲座:2 讲座+保健品:4 ' +
      '名牌+假:3 假冒+名牌:4 冒充+同事:3 来家里+钱:3 冒充+燃气:4 搭讪:3 存款+取:3 看手相:4 做法:3 ' +
      '有灾:3 是铜的:4 所谓的:3 不用考试:4 收了+就没人了:4 先拿走了:3 能帮我办:3',
  },
  {
    code: 'CT-TELECOM-FRAUD',
    nameZh: '电信网络诈骗',
    nameEn: 'Telecom and online fraud',
    category: 'property-crime',
    lane: 'case-team',
    priority: 2,
    resolveHours: 12,
    isDispute: false,
    description: 'Fraud by phone, SMS, app or internet: fake police, refunds, loans, investment.',
    keywords:
      '电信诈骗:5 网络诈骗:5 电诈:5 刷单:5 安全账户:5 冒充公检法:5 公检法:4 冒充警察:4 冒充客服:5 ' +
      '冒充领导:4 屏幕共享:5 共享屏幕:5 杀猪盘:5 验证码:3 网贷:3 征信:3 投资理财:4 理财平台:4 ' +
      '投资平台:4 提不了现:5 提现:3 提不出来:4 网恋:3 客服:2 退款:1 转账:2 转了:2 汇款:2 汇钱:3 ' +
      '链接:2 下载+app:3 app:1 陌生电话:2 网上:1 微信:1 qq:1 拉黑:4 被拉黑:5 额度:3 信用卡:2 ' +
      '手续费:3 保证金:3 解冻:3 冻结:2 涉嫌洗钱:5 洗钱:4 医保卡:2 出事了+汇:4 出事+转:3 电话+骗:3 ' +
      '网上+骗:3 微信+骗:3 转账+骗:3 网购+退款:3 贷款+骗:3 游戏+骗:3 交友+骗:3 返利:3 加我微信:2 ' +
      '兼职+垫付:5 垫付:3 盗刷:3 理赔+链接:4 理赔+扫码:4 扫码:2 点了链接:4 认证+链接:4 中奖:3 ' +
      '中了大奖:4 领奖:3 先交税:4 保释金:4 解冻费:5 注销+账户:4 学生贷款:3 注销+贷款:4 虚拟币:4 ' +
      '炒币:4 平台+打不开:4 平台+提现:4 网友+投资:4 交友软件:3 付了钱+删:4 把我删了:4 ' +
      '付了钱+不回:3 领导+转账:3 领导+转了:3 百万保障:5 保障+扣钱:4 游戏+装备:3 装备+付了钱:4 ' +
      '冒充+表哥:4 微信上借钱:4 冒充+借钱:4 充钱+取不出来:5 取不出来:4 出车祸+打钱:5 ' +
      '接到电话+打钱:4 打字员:4 会员费+联系不上:4 被抓了+交钱:5 接到一个电话:2 接到电话:2',
  },
  {
    code: 'CT-EXTORTION',
    nameZh: '敲诈勒索',
    nameEn: 'Extortion',
    category: 'property-crime',
    lane: 'case-team',
    priority: 2,
    resolveHours: 24,
    isDispute: false,
    description: 'Money demanded under threat of exposure or harm; staged-accident scams; protection money.',
    keywords:
      '敲诈:5 勒索:5 讹钱:5 讹诈:5 讹人:4 讹:3 碰瓷:5 保护费:5 要挟:4 封口费:5 不雅视频:4 私密照:4 ' +
      '私密视频:4 聊天截图:3 截图:1 威胁要钱:5 不给钱就:4 不给钱:3 不给+就发:4 发给+好友:3 ' +
      '发给+老婆:3 发给+家人:3 曝光+钱:3 发给+钱:2 索要:2 故意撞+要钱:4 故意+撞:4 故意往:2 ' +
      '赖着+赔:3 非要+赔:3 躺着不起来:4 交+平安:3 裸聊:3 不给钱就发:5 发到单位:3 出轨:3 ' +
      '照片+要钱:4 视频+要钱:4 录了+打钱:4 视频+打钱:4 偷税+举报:4 举报+要钱:3 不然就寄:4 ' +
      '往我车前:4 往车前一躺:5 车前+躺:4 非说是我撞:5 说是我撞的:4 管理费+砸:4 不给就砸:4 ' +
      '收+管理费:3 威胁+要钱:4 威胁+拿钱:4 威胁+打钱:4 故意别:3 要挟+钱:4 归他们管:4 每个月要交:3 ' +
      '不交就:3 删视频:4 在他们手上:3 不然不客气:3 自己撞上来:5 撞上来+要:4 不给他钱就:4 把柄:4 ' +
      '是他们的+交钱:4 交钱才能:3 拿钱摆平:4 掌握了+隐私:4 隐私+交钱:4 裸照+威胁:5 裸照+转账:5 ' +
      '要我拿钱:4',
  },
  {
    code: 'CT-PROPERTY-DAMAGE',
    nameZh: '故意毁坏财物',
    nameEn: 'Criminal damage',
    category: 'property-crime',
    lane: 'case-team',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'Property deliberately damaged: cars scratched, tyres punctured, windows smashed, paint thrown.',
    keywords:
      '毁坏:4 故意损坏:5 砸坏:4 砸烂:4 砸碎:4 砸破:4 砸了:2 被砸:3 砸:1 划车:5 车被划:5 划花:4 ' +
      '划了:3 刮花:4 划痕:2 车漆:2 钥匙+划:4 故意+刮:4 扎胎:5 轮胎被扎:5 被扎:2 放气:3 泼油漆:5 ' +
      '泼漆:5 油漆:4 喷漆:2 被泼:2 泼粪:5 砸玻璃:4 玻璃被砸:5 车窗被砸:5 搞破坏:4 故意+坏:2 损坏:2 ' +
      '割破:4 墙上+写:2 监控+砸:4 摄像头+砸:4 挡风玻璃:3 挡风玻璃+砸:5 轮胎+扎:5 扎破:4 大粪:3 ' +
      '招牌+砸:4 锁眼:3 灌胶水:5 胶水:3 刻字:4 划烂:4 割烂:4 树+砍:3 线被剪:4 剪断+线:3 捅坏:4 ' +
      '喷了漆:4 车座+划:4 监控+捅:4 故意+砸:4 砸坏了:4 空调外机+砸:5 路灯+砸:4 砸+坑:4 线+剪断:4 ' +
      '篱笆:3 故意推倒:4 砸得稀巴烂:5 稀巴烂:4 放了气+划:5 车身+划:4',
  },
  // ---- personal safety (人身侵害类)
  {
    code: 'CT-ASSAULT',
    nameZh: '殴打他人',
    nameEn: 'Assault',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'One person attacked or beaten by another, or injured with a weapon.',
    keywords:
      '殴打:5 打人:4 被打:4 挨打:4 打伤:4 打了我:4 把我打:4 动手打:4 被揍:4 揍了:3 揍:2 扇耳光:4 ' +
      '打耳光:4 扇了:3 踹了:2 踢了:2 踢我:3 踹我:3 拳头:2 一拳:3 两拳:3 流血:2 满脸是血:4 都是血:3 ' +
      '头破血流:4 打得:3 打了:1 打:1 被+打了:3 伤人:3 砍伤:5 捅伤:5 砸伤:5 刀伤:3 有伤:2 受伤:1 ' +
      '围着打:4 打+鼻子:2 打+脸:2 打断:3 掐:2 抓破:2 咬伤:2 扫把+打:3 棍子+打:3 砍:1 一巴掌:4 ' +
      '巴掌:3 耳光:3 拿棍子打:4 被人打了:4 打我:3 划伤:4 刀+划伤:5 骨折+打:4 鼻子出血:3 出血:2 ' +
      '后脑勺:2 砖头+拍:4 踢了我:4 揪+头发:3 推倒在地:3 无缘无故+打:4 打+服务员:3 打+司机:3 砸我:3 ' +
      '砸我头:4 给了我一拳:5 打了我爸:4 把我爸打了:4 橡胶棍:3 打了一个老人:4 打了+收银员:4 ' +
      '打哭了:4 堵在厕所里打:5 打了一顿:4 拿凳子砸:5 凳子+砸:4 拿茶杯砸:5 茶杯+砸:4',
  },
  {
    code: 'CT-FIGHT',
    nameZh: '打架斗殴',
    nameEn: 'Fight',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'Two or more people fighting each other, brawls, group fights.',
    keywords:
      '打架:4 斗殴:5 打群架:5 群殴:5 互殴:5 扭打:4 厮打:4 打起来了:4 打成一团:5 打起来:3 动手了:2 ' +
      '一群人:2 几个人:1 好几个人:2 十来个人:2 酒瓶:1 棍子:2 砖头:2 互相+打:4 两拨人:4 两伙人:4 ' +
      '两帮人:4 双方+打:3 双方+动手:4 约架:5 两桌:3 两队:3 互相打:4 拉不开:3 几个人在打:4 在打架:4 ' +
      '头破了:3 两个+打起来:4 打成一片:5 混战:5 见血了:3 动起手来:3 有人打架:5 酒吧里+打架:5',
  },
  {
    code: 'CT-DOMESTIC-VIOLENCE',
    nameZh: '家庭暴力',
    nameEn: 'Domestic violence',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 24,
    isDispute: true,
    disputeFamily: 'family',
    description: 'Violence between family members or partners, abuse of children or old people.',
    keywords:
      '家暴:5 家庭暴力:5 老公打:5 丈夫打:5 老婆打:4 媳妇打:4 打老婆:5 打媳妇:5 男朋友打:4 男友打:4 ' +
      '前夫打:4 儿子打:4 打老人:4 打孩子:4 虐待:4 女婿打:4 爸爸打:3 爸打:3 姐夫打:4 打她:2 ' +
      '打我和:3 皮带+抽:4 抽我:3 老公+动手:4 丈夫+动手:4 老公+掐:4 老公+踹:4 儿子+动手:3 ' +
      '对象+动手:3 老公+打我:5 丈夫+打我:5 老婆+打我:4 老公+打了:4 姐夫+打:4 前夫+打:3 ' +
      '男朋友+动手:4 男朋友+掐:4 男友+掐:4 打他爸:5 打他妈:5 打我爸:4 打我妈:4 喝酒+打我:3 ' +
      '喝醉+打我:3 喝多+打我:3 家里+打我:3 回家+打:2 老公+打:3 丈夫+打:3 男朋友+打:3 对象+打:3 ' +
      '鼻青脸肿:4 女婿+打:4 打我女儿:4 老婆+砍:4 老婆+打:3 媳妇+打:3 继母:3 继父:3 后妈:3 ' +
      '孩子+挨打:5 小孩+挨打:5 天天打:3 经常打:3 推下楼梯:4 两口子+打:4 那口子+动手:5 家里+动手:4 ' +
      '带着孩子跑:4 她男人+打:5 男人打:4 儿子+推倒:4 儿子+踢:4 锁在屋里打:5 关在屋里打:5 ' +
      '我爸+我妈+打:4 老婆拿刀:4 老婆+砍我:5 老婆+砸我:5 对象+打了:4 两口子打架:5 男的打女的:5 ' +
      '老公又打我:5 又打我:3 打骨折:3 公公+打:4 被我公公打:5',
  },
  {
    code: 'CT-THREAT',
    nameZh: '威胁恐吓',
    nameEn: 'Threats and intimidation',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 2,
    resolveHours: 24,
    isDispute: false,
    description: 'Threats to kill, injure or take revenge, by word, message or gesture.',
    keywords:
      '威胁:4 恐吓:5 扬言:4 要杀了:5 弄死:5 砍死:5 杀了你:5 要杀:4 杀:2 报复:3 放话:3 吓唬:3 ' +
      '人身安全:3 死亡威胁:5 不放过:3 收拾你:4 找人收拾:4 收拾我:4 等着瞧:3 要我好看:4 让我好看:4 ' +
      '让你好看:4 废了你:5 不得好死:4 小心点:2 打断+腿:4 腿打断:4 知道我住:3 恐吓信:5 纸条:1 砍:1 ' +
      '砍人:3 来+砍人:4 杀了我:5 就杀了:4 弄死我:5 要弄死:5 炸了:3 要炸:4 下一个就是你:5 死老鼠:3 ' +
      '让我小心:4 纸条+小心:4 泼我硫酸:5 硫酸:4 带人来:3 放了把刀:3 医院躺:3 要弄我:4 说要弄:4 ' +
      '要跟我同归于尽:5 要我的命:5 找人打我:4 对我孩子下手:5 下手:3 发刀的照片:4 找我算账:4 算账:2',
  },
  {
    code: 'CT-SEXUAL-ASSAULT',
    nameZh: '强奸猥亵',
    nameEn: 'Sexual assault or indecency',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 12,
    isDispute: false,
    description: 'Rape, indecent assault, groping, indecent exposure, sexual harassment.',
    keywords:
      '强奸:5 猥亵:5 性侵:5 非礼:5 性骚扰:5 咸猪手:5 乱摸:4 摸我:4 摸胸:5 摸屁股:5 摸了:3 摸:1 ' +
      '屁股:3 动手动脚:4 强行亲:5 强吻:5 露阴:5 露出下体:5 暴露下体:5 下体:4 耍流氓:4 迷奸:5 ' +
      '下药:3 脱裤子:3 侵犯:4 不该做的事:4 占便宜:2 揩油:4 摸了大腿:5 摸+大腿:4 摸她:4 被摸:4 ' +
      '搂搂抱抱:4 下了药:4 衣服被脱:5 醒来+衣服:3 小女孩+摸:5 叫到他家+摸:5 伸到+裙子:4 强迫我:5 ' +
      '强迫:3',
  },
  {
    code: 'CT-HARASSMENT',
    nameZh: '跟踪骚扰',
    nameEn: 'Stalking and harassment',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'Following, pestering, repeated unwanted calls or messages.',
    keywords:
      '骚扰:4 跟踪:5 尾随:4 一直跟着:4 跟着我:3 跟了我:4 一路跟:4 跟到:3 纠缠:4 缠着:3 死缠烂打:5 ' +
      '骚扰电话:5 短信骚扰:5 不停打电话:4 天天打电话:3 打电话到:2 每天+打电话:3 几十个电话:4 ' +
      '不停发消息:4 天天发消息:3 天天发信息:3 发信息+骂:3 堵我:3 蹲守:3 等我:2 门口等:2 ' +
      '赶都赶不走:3 前男友:2 前女友:2 分手:2 发短信:2 短信:2 来敲门:2 半夜+短信:3 下流:3 ' +
      '下流短信:5 跟了好几条街:5 轮流+打:3 好多号码:3 换号:3 换号+加:4 门口蹲:4 催收:4 ' +
      '催收+打电话:5 交朋友:2 有人跟着我:4 后面跟着:4 一直有人跟:5 辱骂+电话:4 父母家闹:4 ' +
      '离婚后+骚扰:5 催收员:5 盯上了:4 打电话不说话:5 跟在我后面:5 骑车跟:4',
  },
  {
    code: 'CT-VOYEURISM',
    nameZh: '偷拍偷窥',
    nameEn: 'Voyeurism and hidden cameras',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 2,
    resolveHours: 12,
    isDispute: false,
    description: 'Secret filming or peeping: hidden cameras, up-skirt photos, peeping at windows.',
    keywords:
      '偷拍:5 偷窥:5 偷看:3 针孔摄像头:5 针孔:4 隐藏摄像头:5 藏了摄像头:5 摄像头:2 裙底:5 ' +
      '裙子底下:5 裙子+拍:4 偷偷拍:5 拍我:2 扒窗户:4 趴窗户:4 窗外+看:3 望远镜:4 往我家里看:4 ' +
      '往里看:3 更衣室:2 试衣间:2 女厕所:3 厕所+拍:3 卫生间+拍:3 一闪一闪:2 小孔:3 插座+摄像头:4 ' +
      '拍裙底:5 偷拍+洗澡:5 装了摄像头:4 藏着摄像头:5 烟雾报警器:3 机顶盒:2 往下看:2 隔间+看:3 ' +
      '趴+窗户:3 卫生间窗户:3 往里瞄:4 更衣室+拍:4 对着+窗户拍:4 相机+窗户:3 从下面拍:5 往上拍:4 ' +
      '录像的东西:4 镜头:3 发现了一个镜头:5 打了个洞:4',
  },
  {
    code: 'CT-ILLEGAL-DETENTION',
    nameZh: '非法拘禁',
    nameEn: 'Unlawful detention or kidnapping',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'A person held against their will, kidnapped, held for a debt or ransom.',
    keywords:
      '非法拘禁:5 绑架:5 拘禁:4 限制人身自由:5 人身自由:4 关起来:4 被关:3 关在:3 不让走:4 ' +
      '不让离开:4 不让出来:4 不让我出门:4 不让出门:3 扣押:3 扣着不放:5 控制起来:4 被控制:3 ' +
      '被人控制:4 被绑:4 绑走:5 带走:2 强行带走:4 拉上车:3 拽上+车:4 强行拽:4 拉走:2 赎金:5 放人:4 ' +
      '人质:5 锁在屋里:2 锁在+不让:4 讨债+关:4 欠钱+不让走:4 高利贷+带走:4 偷偷+报警:3 放贷+扣:4 ' +
      '扣在:3 被人关:4 塞进+车:4 强行+拉走:5 塞进面包车:5 关在厂里:4 不让出去:4 锁在+出租屋:4 ' +
      '扣下了:4 才放人:5 交钱+放人:5 被人绑:5 绑了:4 控制在:4 发的定位:3 抱上车:5 带到外地:3 ' +
      '催债+堵:4 堵在车里:4 不让我下车:5 赎人:5 关着:3 不让我们出:4 身份证+扣:3 别想走:4 ' +
      '不还钱就别想走:5 被人看着:4 出不来+打钱:4 关在房间里不让:5 不让我出去:5 不让她回来:4 ' +
      '不让她打电话:4 骗到外地+不让:5',
  },
  {
    code: 'CT-NEIGHBOUR-CONFLICT',
    nameZh: '邻里冲突',
    nameEn: 'Neighbour dispute turned physical',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 2,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'neighbour',
    description: 'A quarrel between neighbours that has become pushing, door-kicking or a scuffle.',
    keywords:
      '推搡:4 踹门:4 砸门:4 踢门:4 撕扯:3 拉扯:3 推了:3 推倒:3 动手:1 上门闹:3 上门找事:4 ' +
      '上门+闹:4 扭在一起:4 两家人:2 邻居+动手:5 邻居+推:4 邻居+踹:5 邻居+打起来:5 邻居+冲突:5 ' +
      '邻居+撕扯:5 邻居+砸门:5 邻居+打我:5 邻居+打了:4 邻居+打:3 楼上+动手:5 楼下+动手:5 楼上+推:5 ' +
      '楼下+推:5 楼上+踹:5 楼下+踹:5 楼上+打起来:5 楼下+打起来:5 楼上+打我:5 楼下+打我:5 ' +
      '对门+动手:5 对门+推:4 对门+打:4 隔壁+动手:5 隔壁+打起来:5 隔壁+推:4 楼上+冲突:4 楼下+冲突:4 ' +
      '楼上+砸门:5 楼上楼下+打起来:5 推推搡搡:4 邻居+推搡:5 邻居+扭打:5 隔壁+扭打:5 上门闹事:4 ' +
      '邻居+闹事:4 邻居+棍子:4 推了我妈:4 吵架升级:4 邻里+升级:4 两家+打起来:5 拿拐棍打:4 ' +
      '邻居+铁锨:4 冲到我家门口+打:4',
  },
  {
    code: 'CT-TRESPASS',
    nameZh: '非法侵入住宅',
    nameEn: 'Intrusion into a home',
    category: 'personal-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'Someone forcing or sneaking into a home or refusing to leave it.',
    keywords:
      '非法侵入:5 私闯民宅:5 闯进:4 闯入:4 强行进入:5 硬闯:4 家里有陌生人:5 陌生人:2 进我家:3 ' +
      '进了我家:4 随便进:4 开门进:4 擅自进:4 私自进:4 赖着不走:4 不肯走:3 不肯离开:3 赶不走:4 ' +
      '撬门进:5 踹门进:5 翻进:3 爬进:3 院子里:2 敲窗户:3 要进来:3 钥匙+进我家:4 不出去:3 他不走:3 ' +
      '开门进来:4 自己开门:4 跟着我进:4 爬进我家:5 闯进我家:5 硬闯进:5 冲到我家:4 冲进我家:5 ' +
      '坐着不走:4 翻过+院墙:4 院墙+进来:4 没经过我同意:3 客厅坐着:3 不认识的人+我家:4 ' +
      '陌生人+我家:4 撬开进来:5 私自进入:5 进入我:3',
  },
  // ---- public order (治安秩序类)
  {
    code: 'CT-DISTURBANCE',
    nameZh: '寻衅滋事',
    nameEn: 'Disorder and drunken trouble-making',
    category: 'public-order',
    lane: 'case-team',
    priority: 2,
    resolveHours: 8,
    isDispute: false,
    description: 'Picking quarrels, drunken rampages, smashing things or causing trouble in public places.',
    keywords:
      '寻衅滋事:5 闹事:4 滋事:4 耍酒疯:5 发酒疯:5 撒酒疯:5 醉鬼:2 醉汉+闹:3 喝多了+闹:3 喝醉+闹:3 ' +
      '砸东西:3 掀桌子:4 大吵大闹:3 大喊大叫:3 撒泼:3 挑衅:4 找茬:4 找事:3 起哄:3 骂骂咧咧:3 ' +
      '骂人:2 辱骂:1 劝不住:3 乱扔东西:3 砸店:4 砸车:3 推倒+货架:4 货架:2 追着+骂:3 店里+闹:3 ' +
      '不给钱+闹:2 闹:1 抢方向盘:4 骂司机:3 不给钱+砸:4 起哄+拦:3 醉鬼+大喊:4 喝醉+砸:4 喝多+砸:4 ' +
      '喝了酒+砸:4 砸路灯:4 踢垃圾桶:4 吐口水:4 叫骂:4 醉汉+骂人:4 吐了一地+骂:4 故意冲撞:4 掀了:3',
  },
  {
    code: 'CT-INSULT',
    nameZh: '侮辱诽谤',
    nameEn: 'Insult, defamation and rumours',
    category: 'public-order',
    lane: 'case-team',
    priority: 3,
    resolveHours: 48,
    isDispute: false,
    description: 'Public insult, defamation, spreading rumours or personal details online or offline.',
    keywords:
      '侮辱:4 诽谤:5 造谣:5 谣言:4 传谣:5 污蔑:4 诬陷:4 抹黑:4 败坏名声:5 坏话:4 名誉:4 散布:4 ' +
      '到处传:4 到处说:3 作风不好:4 辱骂:3 骂我:3 难听:2 人肉:4 p图:4 冒用+照片:4 发帖:3 ' +
      '朋友圈+骂:3 群里+骂:3 网上+骂:3 群里+说:2 朋友圈+照片:2 网上+发:2 泄露+信息:3 公布:3 ' +
      '住址+公布:4 身份证号:2 说我+偷:4 说我:1 公布出来:3 电话号码+公布:4 挂到网上:4 裸照:4 p了:3 ' +
      '说我家+假:3 散布谣言:5 传染病:2 隐私照片:4 冒充我+发:4 言论:3 小三:3 贴我的照片:4 ' +
      '骂得很难听:4 天天+骂我:4 编排我:4 不正当关系:4 作风有问题:5 贴了我的照片:5 很难听的话:4',
  },
  {
    code: 'CT-DRUGS',
    nameZh: '涉毒',
    nameEn: 'Drugs',
    category: 'public-order',
    lane: 'case-team',
    priority: 2,
    resolveHours: 12,
    isDispute: false,
    description: 'Drug use or dealing, drug paraphernalia found.',
    keywords:
      '吸毒:5 贩毒:5 毒品:5 冰毒:5 大麻:5 海洛因:5 摇头丸:5 k粉:5 嗑药:5 溜冰:4 白粉:4 白色粉末:4 ' +
      '晶体:3 吸食:4 卖毒:5 毒:2 上瘾:4 笑气:4 锡纸:3 针管:3 注射器:2 药丸:3 交易:2 吸管+锡纸:3 ' +
      '小塑料袋:2 吸管:1 粉末:3 吸k:4 幻觉:3 制毒:5 注射器+扔:4 拿小包:3 冰壶:5 吸笑气:5 烧塑料:3 ' +
      '叶子:3 带一包东西:4 白色的东西:3 一小袋+白色:4 注射:3',
  },
  {
    code: 'CT-GAMBLING',
    nameZh: '赌博',
    nameEn: 'Gambling',
    category: 'public-order',
    lane: 'case-team',
    priority: 3,
    resolveHours: 12,
    isDispute: false,
    description: 'Gambling dens, gambling for money, slot machines, online or sports betting.',
    keywords:
      '赌博:5 聚赌:5 赌场:5 开赌:5 赌钱:5 赌资:5 赌球:5 网赌:5 赌:3 老虎机:5 百家乐:5 推牌九:5 ' +
      '牌九:4 炸金花:5 捕鱼机:4 下注:4 押注:4 赢钱:3 输钱:3 输了+钱:2 输了+万:3 玩牌:2 打牌+钱:3 ' +
      '牌桌:3 桌上+现金:3 麻将馆:2 打麻将:1 棋牌室:2 抽头:4 抽水:3 放风:3 开场子:4 放贷:2 高利贷:2 ' +
      '输光:3 赌博机:5 网络赌博:5 斗地主+钱:4 抢红包+赌:4 赌输赢:4 买球:4 押大小:5 在里面赌:4 ' +
      '筹码:4 牌局:4 开牌局:5 里面赌钱:5 天天有人+赌钱:4',
  },
  {
    code: 'CT-PROSTITUTION',
    nameZh: '卖淫嫖娼',
    nameEn: 'Prostitution',
    category: 'public-order',
    lane: 'case-team',
    priority: 3,
    resolveHours: 12,
    isDispute: false,
    description: 'Prostitution, soliciting, sex services in massage or hair salons.',
    keywords:
      '卖淫:5 嫖娼:5 招嫖:5 嫖:4 涉黄:5 色情:4 特殊服务:5 不正当服务:5 不正当:3 小卡片:3 洗头房:4 ' +
      '洗浴中心:2 站街:4 拉客:3 小姐:2 按摩店:2 按摩:1 足疗店:1 粉红灯:4 暧昧:2 不同的男人:3 ' +
      '男的进出:2 色情服务:5 招嫖+卡片:5 上门提供服务:4 找小姐:5 加钟:3 做全套:5 全套:4 发廊:3 ' +
      '门口拉人:3 挂羊头卖狗肉:3 做色情:5 上门服务:4 陪侍:5 招聘女孩:4 拉着男的:4 要不要服务:5',
  },
  {
    code: 'CT-PYRAMID-SCHEME',
    nameZh: '传销',
    nameEn: 'Pyramid selling',
    category: 'public-order',
    lane: 'case-team',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'Pyramid schemes: recruiting for fees, lodging groups for "courses", holding phones.',
    keywords:
      '传销:5 拉人头:5 发展下线:5 下线:4 上线:2 洗脑:4 入会费:4 会费:4 互助会:3 资金盘:4 听课:3 ' +
      '上课:2 上课+交钱:3 喊口号:4 口号:3 暴富:3 高回报:2 拉人+加入:3 拉人:3 拉一个人:4 每拉:4 ' +
      '奖励:2 提成:2 层层:3 返钱:2 没收手机:3 集体住:2 很多人住:2 新人:2 投钱:2 入伙:2 拉亲戚:4 ' +
      '送鸡蛋:4 买产品:3 成为会员+拉人:4 拉人+奖励:4 外地+传销:5 互助平台:4 拉人越多:5 消费返利:4 ' +
      '发展会员:5 拉够人头:5 人头:3 分红+拉人:4 养老项目:4 传销窝点:5 窝点:3 性格大变:4 ' +
      '投资一个项目:3 被困在传销:5',
  },
  {
    code: 'CT-GATHERING',
    nameZh: '聚集事件',
    nameEn: 'Mass gathering or protest',
    category: 'public-order',
    lane: 'case-team',
    priority: 1,
    resolveHours: 12,
    isDispute: false,
    description: 'Crowds gathering to protest, block gates or roads, banners, sit-ins.',
    keywords:
      '聚集:4 聚众:4 群体:3 围堵:4 堵路:3 拉横幅:5 横幅:4 拉条幅:5 条幅:4 静坐:4 上访:4 闹访:5 ' +
      '冲击:3 冲进去:3 几十个人:4 几百个:5 几百人:5 上百人:4 一大群人:3 一群:2 好多人围:4 ' +
      '围了很多人:3 围在:3 围在+门口:4 围了:3 堵大门:3 大门+堵:3 激动:2 情绪激动:3 维权:2 集体:2 ' +
      '讨说法:3 讨薪:1 拆迁:2 投资人:2 花圈:4 家属+闹:4 好多人+围:4 马路+堵:2 拉着横幅:5 售楼处:3 ' +
      '开发商:2 死者家属:4 摆了花圈:5 聚在一起:3 业主+聚:4 一群村民:4 游行:5 示威:5',
  },
  // ---- public safety (公共安全类)
  {
    code: 'CT-WEAPONS',
    nameZh: '持械危险物品',
    nameEn: 'Weapons and dangerous items',
    category: 'public-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'Someone carrying or waving a knife, gun, crossbow or explosives.',
    keywords:
      '持刀:4 拿刀:3 拿着刀:4 拎着刀:5 提着刀:5 别着+刀:4 管制刀具:5 砍刀:4 长刀:4 匕首:5 弹簧刀:5 ' +
      '菜刀:3 水果刀:3 挥舞:3 刀:1 枪支:5 枪:3 自制的枪:5 猎枪:5 气枪:5 仿真枪:5 弩:4 炸药:5 ' +
      '爆炸物:5 雷管:5 土炸弹:5 打猎:3 乱砍:4 铁棍:3 钢管:3 挥舞+铁棍:5 拿着+钢管:4 露出一把刀:5 ' +
      '一把刀:3 烟花爆竹:3 绑了炸药:5 手枪:5 雷管+放:3 拿着一把剪刀:4 剪刀+对着:4',
  },
  {
    code: 'CT-SUSPICIOUS',
    nameZh: '可疑人员物品',
    nameEn: 'Suspicious person or object',
    category: 'public-safety',
    lane: 'case-team',
    priority: 2,
    resolveHours: 4,
    isDispute: false,
    description: 'Suspicious behaviour (loitering, trying doors, casing) or an unattended suspicious object.',
    keywords:
      '可疑:5 形迹可疑:5 鬼鬼祟祟:5 偷偷摸摸:4 来回转悠:4 转悠:3 晃悠:3 转来转去:3 徘徊:4 张望:3 ' +
      '踩点:5 不明物品:5 可疑包裹:5 无人认领:5 没人认领:5 不明:3 试门把手:5 拉门把手:4 推门:2 ' +
      '挨家挨户:2 陌生人:1 盯着:2 蹲在:1 往车里照:4 手电:2 行李箱+没人:4 包+没人管:3 包+没人:3 ' +
      '放了+没人:2 盯着+小孩:4 看门牌:4 做记号:5 放了很久:3 包+放了很久:4 拉车门:5 一辆一辆:3 ' +
      '找谁也不说:5 没挂牌:4 转了好几圈:3 盯着+取钱:4 不知道是什么:3 电表箱+放:3 查水表:3 ' +
      '冒充+查水表:4 挨家敲门:3 手电筒:3 往楼上照:4 拍每栋楼:4 老在+转悠:4 晃来晃去:4 看到人就走:3 ' +
      '到处拍照:4 看到保安就走:4 窗户外面晃:5 窗外+晃:4 纸箱子+电线:4',
  },
  {
    code: 'CT-ARSON',
    nameZh: '放火纵火',
    nameEn: 'Arson and fire',
    category: 'public-safety',
    lane: 'case-team',
    priority: 1,
    resolveHours: 12,
    isDispute: false,
    description: 'Fire deliberately set or threatened, or a fire in a building or vehicle.',
    keywords:
      '放火:5 纵火:5 点火:3 点着:4 着火:4 起火:4 失火:4 火灾:4 浇汽油:5 泼汽油:5 倒汽油:5 汽油:3 ' +
      '打火机:2 点燃:3 烧车:4 烧房子:5 火光:3 火很大:4 火越来越大:5 冒烟:2 黑烟:3 浓烟:2 烟很大:3 ' +
      '火苗:3 烧起来:4 着了:2 火+烧:2 火:1 烧:1 着火了:5 起火了:5 火灭不了:5 点了一堆:3 放火烧:5 ' +
      '扬言+放火:5 山上起火:5 烧了一大片:4 汽油桶:4 冒黑烟:4 烧黑了:4 充电着火:5 点了一把火:5 ' +
      '火蹿:4 火窜:4 同归于尽:4 开煤气:4 自燃:5 开煤气+同归于尽:5',
  },
  // ---- traffic (交通类)
  {
    code: 'CT-TRAFFIC-INJURY',
    nameZh: '交通事故伤人',
    nameEn: 'Traffic accident with injury',
    category: 'traffic',
    lane: 'case-team',
    priority: 1,
    resolveHours: 12,
    isDispute: false,
    disputeFamily: 'traffic',
    description: 'Road collision in which someone is hurt.',
    keywords:
      '车祸:3 交通事故:2 撞人:5 撞伤:5 被车撞:4 撞倒:4 撞了人:5 出车祸:4 被撞:3 伤者:4 有人受伤:4 ' +
      '受伤:2 摔伤:3 流血:1 倒在地上:2 起不来:1 骨折:3 翻车:4 昏迷:2 救护车:2 相撞:2 行人:1 撞:1 ' +
      '急刹车:3 刮倒:4 挂倒:4 带倒:2 撞+腿:3 撞+头:3 撞+流血:4 撞+伤:3 车+摔伤:3 车+受伤:3 ' +
      '卡在车里:4 被汽车撞:5 卷到车底:5 车底下:4 压在车下:5 被车压:5 撞飞:5 倒地不起:4 撞+倒地:4 ' +
      '相撞+摔:4 斑马线+撞:4 撞+头上流血:5 追尾+受伤:5 困在车里+受伤:5 摩托车翻了:5 撞倒+血:5 ' +
      '不省人事+撞:5 腿好像断了:3 车+满脸是血:5 被一辆+撞:4 摔断了:3 被我撞了:4 突然冲出来:3 ' +
      '撞了+出血:4',
  },
  {
    code: 'CT-HIT-AND-RUN',
    nameZh: '肇事逃逸',
    nameEn: 'Hit and run',
    category: 'traffic',
    lane: 'case-team',
    priority: 1,
    resolveHours: 24,
    isDispute: false,
    description: 'A driver who caused a collision left the scene.',
    keywords:
      '逃逸:5 肇事逃逸:5 撞了就跑:5 撞完就跑:5 撞完跑了:5 扬长而去:4 没停车:3 没停下:3 ' +
      '连停都没停:5 开走了:3 溜了:2 跑了:1 逃跑:2 加速跑:4 已经走了:2 不知道是谁:2 车牌号:1 ' +
      '撞+跑了:4 撞+逃:4 撞+开走:4 刮+跑了:3 蹭+跑了:3 蹭+开走:4 撞+溜:4 撞坏+走了:3 ' +
      '撞+不知道是谁:3 挂倒+跑:4 开车跑了:5 骑着车跑了:5 司机逃走:5 逃走:3 肇事车:4 根本没停:5 ' +
      '没停直接走:5 直接走了:3 撞+直接走了:4 开车溜了:5 撞倒+跑了:5 头也不回:4 没下车:3 ' +
      '记下了车牌:3 车直接跑了:5 直接跑了:4 头都没回:4 就跑了:2 撞倒+走了:4 撞了+就跑了:4',
  },
  {
    code: 'CT-DRUNK-DRIVING',
    nameZh: '酒驾醉驾',
    nameEn: 'Drink driving and dangerous driving',
    category: 'traffic',
    lane: 'case-team',
    priority: 2,
    resolveHours: 4,
    isDispute: false,
    description: 'Driving after drinking, unlicensed driving, street racing, weaving vehicles.',
    keywords:
      '酒驾:5 醉驾:5 酒后驾车:5 酒后开车:5 喝酒开车:5 喝了酒开车:5 喝多了开车:5 无证驾驶:4 无证:3 ' +
      '没有驾照:4 没驾照:4 飙车:4 漂移:4 炸街:3 改装车:3 蛇形:4 歪歪扭扭:3 东倒西歪:3 乱窜:2 ' +
      '左右乱晃:4 酒气:2 开车:1 喝+开车:3 酒+开车:3 醉+开车:4 喝+驾驶:3 酒+司机:2 喝+开走:4 ' +
      '酒味+开车:4 醉醺醺+开车:5 喝多了+开车:5 开得歪歪扭扭:5 轰油门:3 喝酒的+开车走了:5 逆行:3 ' +
      '翘头:4 一斤酒:3 非要开车:4 乱变道:4 变道:2 喝完酒+骑:5 喝完酒:3 开得飞快:4 东一下西一下:4 ' +
      '喝了+开着车:4 酒+开着车:4 司机喝醉:5 司机+喝醉:4 开得很危险:4',
  },
  // ---- persons at risk (人员安危类)
  {
    code: 'CT-MISSING-PERSON',
    nameZh: '人员走失失踪',
    nameEn: 'Missing person',
    category: 'persons-at-risk',
    lane: 'case-team',
    priority: 1,
    resolveHours: 24,
    isDispute: false,
    description: 'A child, old person or adult missing or lost, runaways.',
    keywords:
      '走失:5 失踪:5 走丢:5 走散:5 寻人:5 离家出走:5 孩子不见了:5 孩子丢了:5 人不见了:4 找不到人:4 ' +
      '找不着:3 一直没回家:4 没回家:3 没到家:4 还没回来:3 没回来:2 出门+没回来:4 出去+没回来:4 ' +
      '老年痴呆:4 痴呆:3 糊涂:3 记性不好:3 阿尔茨海默:4 迷路:2 找孩子:4 一转眼:3 孩子+不见:4 ' +
      '孩子+找不到:4 老人+找不到:4 老人+没回来:4 孩子+没回来:4 关机:1 没消息:3 没去学校:3 ' +
      '到现在没回来:4 联系不上+没回家:4 留了张纸条:3 找不到大人:5 找不到妈妈:5 智力障碍:4 ' +
      '玩着玩着:3 出门三天:4 好几天没回家:4 找不到她:4 找不到他:4 找不到我妈:5 找不到我爸:5',
  },
  {
    code: 'CT-SUICIDE',
    nameZh: '轻生',
    nameEn: 'Suicide risk',
    category: 'persons-at-risk',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'Someone threatening or attempting suicide.',
    keywords:
      '自杀:5 轻生:5 跳楼:5 跳河:5 跳海:5 跳桥:5 割腕:5 上吊:5 寻死:5 不想活:5 活不下去:5 ' +
      '活着没意思:5 想死:4 遗书:4 安眠药:4 喝农药:5 农药:3 楼顶:2 天台:2 坐在+楼顶:4 站在+桥:3 ' +
      '往下跳:4 要跳:4 跳下去:4 结束生命:5 结束+生命:5 吞了+药:4 一瓶+药:3 翻过+栏杆:4 桥+栏杆:3 ' +
      '往深水:4 往海里走:4 深水里走:4 烧炭:5 告别:3 吃了一瓶药:5 天台边上:4 活着太累:4 ' +
      '站在栏杆外:5 栏杆外面:4 抑郁症+不想活:5 要自杀:5 楼顶上坐着:4 结束自己的生命:5 站台+跳:4 ' +
      '割自己:4 吃了好多药:5 要去死:5 去死:3 楼顶边上:4',
  },
  {
    code: 'CT-UNNATURAL-DEATH',
    nameZh: '非正常死亡',
    nameEn: 'Body found or unexplained death',
    category: 'persons-at-risk',
    lane: 'case-team',
    priority: 1,
    resolveHours: 24,
    isDispute: false,
    description: 'A dead body found, or a death that is sudden, violent or unexplained.',
    keywords:
      '尸体:5 身亡:5 遗体:5 死者:5 浮尸:5 死了:4 死亡:4 已经死:5 没气了:5 没有呼吸:4 没呼吸:4 ' +
      '身体冰凉:5 身体已经凉:5 已经凉了:4 一动不动:3 躺着不动:3 没有动静:2 漂着:3 漂浮:3 发臭:3 ' +
      '尸臭:5 去世:2 不在了:3 死:1 臭+敲门:4 不动了:1 身体都僵了:5 僵了:3 死在家里:5 死在:4 ' +
      '一具尸体:5 已经死了:5 吊在树上:5 流浪汉+死:4 已经不动了:4 树上吊着:5 吊着一个人:5 漂上来:5 ' +
      '身体都硬了:5 喊不醒:3 死人:5 发现+死:4',
  },
  {
    code: 'CT-MENTAL-PATIENT',
    nameZh: '精神异常人员肇事',
    nameEn: 'Person in mental-health crisis',
    category: 'persons-at-risk',
    lane: 'case-team',
    priority: 1,
    resolveHours: 8,
    isDispute: false,
    description: 'A person with a mental illness acting dangerously or out of control.',
    keywords:
      '精神病:5 精神异常:5 精神不正常:5 精神有问题:5 精神上有毛病:5 精神分裂:5 躁狂:5 抑郁症:3 ' +
      '犯病:4 发病:2 疯子:4 发疯:4 疯疯癫癫:5 胡言乱语:4 自言自语:3 听不懂的话:3 光着身子:3 裸体:3 ' +
      '不吃药:3 没吃药:3 停药:4 神志不清:3 神智不:3 不太正常:3 不正常:2 乱跑:1 乱走:2 大喊:1 ' +
      '监视:3 害他:3 有人要害:4 不稳定:2 伤害自己:3 砍+自己:3 有人要害她:5 说有人要害:5 ' +
      '精神分裂症:5 躁狂症:5 乱喊乱叫:4 衣衫不整:3 抑郁症发作:4 精神病人:5 说自己是:4 又哭又笑:4 ' +
      '车顶:2 精神病人+砸:4',
  },
] as const satisfies readonly AlertTypeSpec[];
