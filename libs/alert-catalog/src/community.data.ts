import type { AlertTypeSpec } from './alert-type.model.ts';

// The 26 non-police matters (非警务警情) community police handle with the community secretary,
// director and grid workers. Same code and weight rules as case-team.data.ts.
export const COMMUNITY_SPECS = [
  // ---- neighbourhood (邻里类)
  {
    code: 'CM-NOISE',
    nameZh: '噪音扰民',
    nameEn: 'Neighbour noise',
    category: 'neighbourhood',
    lane: 'community',
    priority: 3,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'neighbour',
    description: 'Noise from neighbours or residents: music, footsteps, children, square dancing, mahjong.',
    keywords:
      '噪音:3 扰民:3 噪音扰民:4 太吵:4 很吵:3 吵死了:4 吵到:3 吵得:3 吵闹:3 吵:1 睡不着:3 没法睡:3 ' +
      '声音很大:3 声音太大:4 声音+大:2 跺脚:4 蹦迪:4 弹琴:3 钢琴:3 萨克斯:3 乐器:3 唱歌:2 卡拉ok:3 ' +
      'ktv:2 音响:4 放音乐:4 音乐+大:3 广场舞:5 拖椅子:4 拖拽:2 跑跳:4 咚咚:3 嗡嗡:3 玩具:2 狗叫:1 ' +
      '打麻将:2 洗牌:3 麻将声:4 半夜:1 深夜:1 凌晨:1 一整夜:2 楼上+吵:3 邻居+吵:1 跑来跑去:3 ' +
      '咚咚响:4 高跟鞋:4 音乐声:4 酒吧+音乐:4 打牌+吵:4 吵吵嚷嚷:4 蹦床:4 练琴:4 大音箱:4 音箱:3 ' +
      '整夜叫:4 叫个不停:3 大声说话:4 吹喇叭:4 练乐器:5 嗡嗡响:4 吵得睡不着:5 吵得睡不好:5 ' +
      '震天响:4 喇叭+放音乐:4',
  },
  {
    code: 'CM-WATER-LEAK',
    nameZh: '漏水渗水',
    nameEn: 'Water leak between flats',
    category: 'neighbourhood',
    lane: 'community',
    priority: 3,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'neighbour',
    description: 'Water leaking or seeping from one flat into another.',
    keywords:
      '漏水:5 渗水:5 滴水:4 往下滴:4 往下掉水:5 掉水:3 流到我家:4 水印:3 水渍:4 泡坏:4 泡起来:4 ' +
      '防水:4 水管爆:4 爆管:4 水管破:4 热水器+漏:4 漏了:3 水漫:4 淹了:3 泡了:3 天花板:2 吊顶:2 ' +
      '顶上:1 墙皮:3 发霉:3 卫生间:1 马桶:2 楼上+水:2 漏:1 暖气片+漏:4 往我家灌:4 防水层:5 ' +
      '鱼缸+渗:4 墙角+湿:3 湿湿的:3 水管+冻裂:4 顺着灯:4 往下流:4 泡塌:4 漏到:4 马桶+漏:4 ' +
      '渗到我家:5',
  },
  {
    code: 'CM-NEIGHBOUR-DISPUTE',
    nameZh: '邻里纠纷',
    nameEn: 'Neighbour dispute',
    category: 'neighbourhood',
    lane: 'community',
    priority: 3,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'neighbour',
    description: 'Other quarrels between neighbours: shared space, cameras, light, pets, drying laundry.',
    keywords:
      '邻里纠纷:5 邻里矛盾:5 邻居:2 对门:2 隔壁:2 楼上:1 楼下:1 邻里:3 口角:3 拌嘴:3 闹矛盾:3 ' +
      '吵了一架:3 吵架:1 吵起来:2 争执:2 矛盾:1 侵犯隐私:4 隐私:2 监控对着:5 摄像头对着:5 ' +
      '摄像头+对着:4 监控+对着:4 鞋柜:5 公共区域:2 公共走廊:4 过道:2 走廊:2 种菜:3 养花:2 晾衣服:3 ' +
      '晾:2 晒被子:2 挡光:3 采光:3 狗屎:2 空调外机+对着:4 热风:3 说了好几次:2 不听:1 邻居+吵架:3 ' +
      '邻居+矛盾:3 邻居+骂:3 吵过:2 门口+拉屎:3 楼道里养:4 养鸡:3 花盆:3 窗台外面:3 浇花+滴:4 ' +
      '声控灯:4 鞋子+堆:3 公共空间:4 放冰箱:3 挡住+光线:4 光线:3 随地大小便:4 晒腊肉:4 油滴:3 ' +
      '扔了+快递:3 晾衣杆:4 摄像头+客厅:4 拍到+我家:4 邻居+摄像头:4 邻居+说了不听:3 扔烟头:4 ' +
      '放在我家门口:3 摆放鞋架:4 鞋架:4 饲养宠物:3 社区协调:3 衣服滴水:4 滴湿:3 门口撒尿:4 撒尿:3 ' +
      '贴+纸+骂:4',
  },
  {
    code: 'CM-OBSTRUCTION',
    nameZh: '楼道堆物占道',
    nameEn: 'Blocked stairwell or passage',
    category: 'neighbourhood',
    lane: 'community',
    priority: 4,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'neighbour',
    description: 'Stairwells, corridors or fire passages blocked with junk or belongings.',
    keywords:
      '堆物:4 堆放:3 杂物:4 堆杂物:5 占用楼道:5 楼道:2 楼梯间:3 楼梯拐角:4 拐角:2 消防通道:2 ' +
      '安全通道:3 公共通道:4 过道+堵:4 堵死:3 堵塞:2 纸箱:3 废品:3 旧家具:3 床垫:2 木板:2 占用:2 ' +
      '占道:1 堆满:4 堆了:3 楼道+堵:4 楼道+放了:2 楼道+停:3 楼道+充电:3 跑不出去:3 旧沙发:4 ' +
      '扔在楼道:4 楼梯口:3 楼梯口+放:4 消防通道+堆:5 建材:3 堆了+建材:5 楼道+柜子:4 走廊+放:3 ' +
      '单元门口+堵:4 通道+堆:4 堆满了+东西:4 安全出口+堆:5 安全出口:3 放了一张床:5',
  },
  {
    code: 'CM-CONSTRUCTION-NOISE',
    nameZh: '施工装修扰民',
    nameEn: 'Construction and renovation noise',
    category: 'neighbourhood',
    lane: 'community',
    priority: 4,
    resolveHours: 24,
    isDispute: false,
    description: 'Noise from building sites, night works or flat renovations.',
    keywords:
      '施工:4 工地:3 夜间施工:5 半夜施工:5 装修:4 装修噪音:5 电钻:5 冲击钻:5 电锯:5 切割机:5 ' +
      '砸墙:4 敲墙:3 砸地砖:5 地砖:3 敲敲打打:4 打桩:5 浇混凝土:5 混凝土:4 搅拌车:4 渣土车:4 ' +
      '挖掘机:4 机器声:4 机器+响:4 轰鸣:3 轰轰:3 叮叮当当:3 刺耳:3 改造:3 修路:4 午睡:2 ' +
      '半夜+干活:4 工地+吵:4 打墙:4 轰隆隆:3 午休:3 装修+不停:4 拆房子:4 晚上+挖:3 切瓷砖:5 瓷砖:3 ' +
      '窗户都在震:4 建地铁:3 装修声:5 钻墙:4 盖楼:4 晚上+干活:4',
  },
  {
    code: 'CM-ILLEGAL-CONSTRUCTION',
    nameZh: '违章搭建',
    nameEn: 'Unauthorised building',
    category: 'neighbourhood',
    lane: 'community',
    priority: 4,
    resolveHours: 168,
    isDispute: true,
    disputeFamily: 'neighbour',
    description: 'Unauthorised structures, enclosures of shared land, removing load-bearing walls.',
    keywords:
      '违建:5 违章建筑:5 违章搭建:5 私搭乱建:5 乱搭乱建:5 私搭:4 搭建:3 搭了:3 加盖:4 盖了:3 ' +
      '搭棚:4 搭了个棚:5 棚子:3 铁棚:4 彩钢房:5 阳光房:4 圈地:4 圈起来:4 占用绿地:5 绿地:2 扩建:4 ' +
      '往外扩:5 扩了:3 打通:3 改成门:4 砌墙:3 承重墙:5 拆墙:3 围起来:3 违规:2 楼顶平台:4 平台+盖:4 ' +
      '小屋:2 绿地+盖:5 盖了个:4 小房子:3 彩钢棚:5 楼顶+圈起来:5 往外扩建:5 窗户改成门:5 ' +
      '改成了门:5 私自挖:4 挖地下室:5 绿化带+建:5 建了个:3 鸡窝:3 雨棚:4 接出来:4 往外接:4 ' +
      '封出去:4 阳台封出去:5 阳台+接出来:5 铁皮+围:4 围了个院子:5 私自开了个门:5 私自开:4',
  },
  // ---- civil disputes (民事纠纷类)
  {
    code: 'CM-PROPERTY-MGMT',
    nameZh: '物业纠纷',
    nameEn: 'Property-management dispute',
    category: 'civil-dispute',
    lane: 'community',
    priority: 4,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'housing',
    description: 'Disputes with the property-management company: fees, repairs, access, service.',
    keywords:
      '物业:4 物业费:5 物业公司:5 物业经理:4 业委会:5 维修基金:5 业主:2 保安:2 门卫:2 门禁:3 ' +
      '停车费:3 不给修:3 不给维修:4 没人管:1 小区:1 电梯坏了:2 停了+电梯:4 欠费:2 绿化:2 没人收:2 ' +
      '收费:2 物业+不修:5 电梯+物业:4 物业+不管:4 保安+不让:4 物业+停水:5 欠物业费:5 换物业:5 ' +
      '电梯费:4 物业+收费:4',
  },
  {
    code: 'CM-RENT',
    nameZh: '房屋租赁纠纷',
    nameEn: 'Rental dispute',
    category: 'civil-dispute',
    lane: 'community',
    priority: 4,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'housing',
    description: 'Landlord and tenant disputes: deposits, rent, eviction, sublets.',
    keywords:
      '房东:3 租客:3 房租:4 租金:4 押金:4 退租:5 租房:3 出租房:2 租出去:4 租的房子:3 租期:4 ' +
      '二房东:5 转租:4 交租:4 真房东:4 房主:2 中介:2 合同:1 赶出去:3 赶人:3 搬走:2 换锁:2 ' +
      '断水断电:3 不退押金:5 水电费:3 扣押金:5 拖欠+房租:5 房东+换锁:5 租房合同:5 包物业费:3 ' +
      '中介费:4 房子卖了+搬:4 合同还有:3 退房:4 室友:3 合租:4 房东+不给修:5 房子+住不了:3 ' +
      '房东+门锁换了:5',
  },
  {
    code: 'CM-CONSUMER',
    nameZh: '消费纠纷',
    nameEn: 'Consumer dispute',
    category: 'civil-dispute',
    lane: 'community',
    priority: 4,
    resolveHours: 48,
    isDispute: true,
    disputeFamily: 'economic',
    description: 'Disputes with shops, restaurants, gyms, salons: refunds, prices, quality, prepaid cards.',
    keywords:
      '消费纠纷:5 消费者:4 商家:4 店家:4 老板:1 退钱:3 退货:4 退换:4 退款:2 不给退:4 饭店:2 餐馆:3 ' +
      '理发店:3 美容院:3 健身房:2 办卡:4 年卡:3 会员卡:4 预付卡:4 充值:3 质量问题:4 假货:3 ' +
      '翻新机:4 宰客:5 多收钱:4 收费不合理:4 乱收费:4 绕路:4 绕远:4 计价器:4 服务态度:3 结账:3 ' +
      '顾客:2 菜里:3 吃坏肚子:3 过敏:2 不承认:2 装修公司:3 买的:1 收了我:1 吃出了虫子:5 吃出:4 ' +
      '不给换:4 毁容:3 培训班:3 培训机构:3 机构倒闭:4 过期食品:5 过期:3 发票:2 里程表:4 车商:3 ' +
      '杯子+赔:3 卡里还有:4 拒绝退款:4 偷工减料:4 店关门了:4 关门了+卡:4 办了+卡:3 学费:3 ' +
      '交了+学费:4 不开了:3 多收费:4 司机+多收:4 分量不够:4 缺斤少两:5 美甲:3 加钱才:3',
  },
  {
    code: 'CM-UNPAID-WAGES',
    nameZh: '劳资纠纷',
    nameEn: 'Unpaid wages and labour dispute',
    category: 'civil-dispute',
    lane: 'community',
    priority: 3,
    resolveHours: 168,
    isDispute: true,
    disputeFamily: 'economic',
    description: 'Wages withheld or unpaid, dismissal and other employer-worker disputes.',
    keywords:
      '工资:4 欠薪:5 拖欠工资:5 不发工资:5 工钱:5 劳务费:4 加班费:4 讨薪:4 劳资:5 包工头:5 工头:4 ' +
      '雇主:3 克扣:4 结工资:5 发钱:2 月底发:3 劳动合同:4 辞退:3 开除:2 经济补偿:4 老板跑了:3 ' +
      '农民工:3 打工:2 干活:2 上班:1 工地:1 这个月的钱:4 上个月的钱:4 拖了+月:3 没发工资:5 ' +
      '辞退+补偿:5 补偿:2 试用期:3 欠了+工资:5 家政:2 工程款:4 扣着+工资:5 讨要工钱:5 押了+工资:5 ' +
      '走人+补偿:4',
  },
  {
    code: 'CM-FAMILY-QUARREL',
    nameZh: '家庭纠纷',
    nameEn: 'Family quarrel',
    category: 'civil-dispute',
    lane: 'community',
    priority: 3,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'family',
    description: 'Quarrels within a family without violence: couples, care of parents, inheritance.',
    keywords:
      '家庭纠纷:5 家庭矛盾:5 家务事:4 夫妻吵架:5 两口子吵:5 夫妻:2 离婚:3 闹离婚:4 吵着要离婚:5 ' +
      '赡养:5 不孝:4 婆媳:5 分家:4 遗产:4 房产:2 抚养:4 子女:2 儿女:2 叛逆:3 吵架:2 吵得:1 ' +
      '家里人:2 兄弟:2 闹得:2 不可开交:3 老两口:2 儿媳:3 哥嫂:3 不管我们:3 不来看:3 不让+住:3 ' +
      '没地方去:3 自己关在:2 老公+吵:4 老婆+吵:4 媳妇+吵:4 丈夫+吵:4 儿子+吵:3 女儿+吵:3 婆婆+吵:4 ' +
      '夫妻+吵:3 孩子+吵:2 父母+吵:3 爸妈+吵:4 老人+不管:3 天天吵架:3 回娘家:4 娘家:3 推给我:3 ' +
      '爸妈+不管:4 父母+不管:4 兄弟姐妹:4 留下的房子:4 吵翻了:4 家里不同意:4 关在门外:3 再婚:4 ' +
      '子女+不同意:4 闹得很僵:4 外孙:3 为了钱+吵:3 抚养费:5 家里人闹:4 分房子:4 去世后:3 进家门:3 ' +
      '嫂子:2',
  },
  {
    code: 'CM-DEBT',
    nameZh: '经济纠纷',
    nameEn: 'Debt and business dispute',
    category: 'civil-dispute',
    lane: 'community',
    priority: 4,
    resolveHours: 72,
    isDispute: true,
    disputeFamily: 'economic',
    description: 'Unpaid loans and debts, business or partnership disputes.',
    keywords:
      '欠钱:4 欠款:5 欠债:5 借钱不还:5 不还钱:4 还钱:3 借款:4 借条:5 欠条:5 债务:4 债主:4 担保:3 ' +
      '要账:5 要债:5 讨债:3 催债:4 货款:4 尾款:4 不付:3 付款:2 合伙:4 生意伙伴:4 伙伴:2 生意纠纷:5 ' +
      '经济纠纷:5 分红:4 赖账:5 借了:2 分期还:4 欠我:4 借了我:4 没还:3 不肯分摊:4 亏损:3 ' +
      '拖着尾款:5 没钱还:4 欠我钱:5 做担保:4 找我还钱:4 打了欠条:5 上门要账:5 借钱给:4 借给+同事:4 ' +
      '挪用:3 账对不上:4 账目:3 抵押出去:4 钱也不给:3 借给朋友:3',
  },
  // ---- traffic (交通类)
  {
    code: 'CM-PARKING',
    nameZh: '停车挪车',
    nameEn: 'Parking and blocked vehicles',
    category: 'traffic',
    lane: 'community',
    priority: 3,
    resolveHours: 4,
    isDispute: true,
    disputeFamily: 'traffic',
    description: 'Cars blocking exits, garages or fire lanes, parking-space quarrels, owner to be found.',
    keywords:
      '挪车:5 堵车位:5 占车位:5 抢车位:4 车位被占:5 停车位:4 车位:3 停车:2 乱停:4 横着停:4 ' +
      '停在路中间:5 开不出来:4 车出不去:5 出不去:2 进不来:2 堵住:2 挡道:3 地锁:4 车库门:4 车主:2 ' +
      '联系不上车主:5 停在门口:3 停在+门口:3 僵尸车:5 堵了:1 消防通道:2 车位+出不来:5 占着:3 ' +
      '车位+占:4 车+过不去:3 车+进不来:3 堵在:2 挡住:1 车库门口:4 开不出去:4 占着+车位:5 ' +
      '联系+车主:4 挡住了+大门:4 乱停车:4 堵在里面:4 盲道:4 停了车:3 门口+停车:3 车+挡住:3 ' +
      '停在人行道:5 车辆+停放:4 长期停放:4 停放于:3 车+大门堵:4 挪一下:3',
  },
  {
    code: 'CM-MINOR-COLLISION',
    nameZh: '轻微交通事故',
    nameEn: 'Minor collision without injury',
    category: 'traffic',
    lane: 'community',
    priority: 3,
    resolveHours: 4,
    isDispute: true,
    disputeFamily: 'traffic',
    description: 'Scrapes and bumps with no one hurt; the parties dispute liability or compensation.',
    keywords:
      '剐蹭:5 刮蹭:5 蹭了:4 刮了:3 刮了一下:4 碰了一下:4 追尾:4 碰了:2 碰到:2 碰在一起:4 撞了:2 ' +
      '撞坏:3 小事故:4 没人受伤:5 没有人受伤:5 无人受伤:5 都没受伤:5 人没事:4 人没受伤:5 ' +
      '人都没事:5 定责:4 责任:2 快处快赔:5 保险:2 保险杠:4 私了:4 赔偿:1 赔:1 不想赔:3 要修:2 ' +
      '修车:3 倒车:3 起步:2 后视镜:4 后照镜:4 车门:2 交警:2 事故:1 两辆车:2 撞到+车:3 谁也不让:2 ' +
      '撞:1 蹭到:4 在吵谁:3 谁赔:3 车门凹:4 凹了:3 等保险:4 碰了+停着的车:4 定一下责任:4 ' +
      '碰了人家:4 车尾:3',
  },
  // ---- assistance (群众求助类)
  {
    code: 'CM-LOST-PROPERTY',
    nameZh: '遗失捡拾物品',
    nameEn: 'Lost or found property',
    category: 'assistance',
    lane: 'community',
    priority: 4,
    resolveHours: 72,
    isDispute: false,
    description: 'Items lost, left behind or found and handed in.',
    keywords:
      '遗失:5 丢失:4 弄丢:5 失物:5 失主:5 寻物:5 捡到:5 拾到:5 捡了:4 落在:4 落下了:4 落下:3 ' +
      '忘在:4 丢在:4 掉哪:4 丢哪:4 掉了:3 丢了:2 找不到了:2 出租车上:2 证件:2 钱包:1 落了:3 ' +
      '落在+座位:4 电话手表:3 包忘在:4 公文包:3 挂失:4 驾驶证+丢:4 文件袋:3 掉在哪:4 捡到一个:5',
  },
  {
    code: 'CM-LOCKED-OUT',
    nameZh: '开锁求助',
    nameEn: 'Locked out',
    category: 'assistance',
    lane: 'community',
    priority: 3,
    resolveHours: 2,
    isDispute: false,
    description: 'Locked out of or inside a home or car, keys lost, lock broken.',
    keywords:
      '开锁:5 钥匙:3 忘带钥匙:5 钥匙锁在:5 锁在家里:4 锁在外面:5 锁在门外:5 进不去家:5 进不了家:5 ' +
      '进不去门:5 进不了门:5 回不了家:4 进不去:2 反锁:4 门打不开:4 锁坏了:4 门锁坏:4 锁芯:4 锁匠:5 ' +
      '打不开:2 门+出不去:2 门锁坏了:5 钥匙断:5 断在锁孔:5 锁孔:4 锁在车里:4 指纹锁:4 密码锁:4 ' +
      '门带上了:5 风把门:4 钥匙在屋里:5 钥匙在家里:5 开锁的:5 门锁拧不动:5 钥匙遗忘:5 遗忘在家:4 ' +
      '无法进入:4 门锁+坏了:4',
  },
  {
    code: 'CM-WELFARE-CHECK',
    nameZh: '安全查看',
    nameEn: 'Welfare check',
    category: 'assistance',
    lane: 'community',
    priority: 2,
    resolveHours: 4,
    isDispute: false,
    description: 'Check on someone who cannot be reached, above all old people living alone.',
    keywords:
      '独居:5 独居老人:5 空巢:5 孤寡:5 一个人住:4 联系不上:2 电话打不通:3 没人接:3 敲门没人:4 ' +
      '没人应:4 没有回应:3 没反应:2 上门看看:4 帮忙看看:3 去看看:3 看一下:2 担心出事:4 出事:1 ' +
      '老人:1 老爷子:1 老太太:1 报平安:4 好几天没:3 几天都没:3 没出门:3 没见:2 没看到:2 灯一直亮:3 ' +
      '身体不好:2 牛奶:2 报纸:2 一个人在家:3 一直没人接:4 好几天没出门:5 好几天不回消息:4 ' +
      '不回消息:3 这几天都没见:4 都没见:3 好几天没见:4 看一眼:3 关机+一个人住:5 外卖+没人拿:5 ' +
      '敲门没人应:5 电视声:2 腿脚不好:3 两天没人拿:4 联系不上她:4 联系不上他:4 ' +
      '从早上到现在+联系不上:4',
  },
  {
    code: 'CM-LIFT-TRAPPED',
    nameZh: '电梯困人',
    nameEn: 'Trapped in a lift or room',
    category: 'assistance',
    lane: 'community',
    priority: 2,
    resolveHours: 2,
    isDispute: false,
    description: 'People trapped in a stuck lift or shut in a room, balcony or toilet.',
    keywords:
      '电梯困人:5 困在电梯:5 电梯卡住:5 电梯卡在:5 电梯里出不来:5 关在电梯:5 被困:3 困住:3 困在:4 ' +
      '卡住了:2 卡在:2 出不来:2 电梯停了:4 电梯:2 电梯+打不开:5 电梯+有人:3 电梯+出不来:5 ' +
      '阳台+出不去:4 阳台+出不来:4 锁在卫生间:4 电梯+停了:4 关了:2 电梯不动:5 电梯+不动了:5 ' +
      '电梯门打不开:5 停在半路:4 电梯+停在:4 按警铃:4 警铃:3 锁在阳台:5 阳台+门打不开:5 储藏室:3 ' +
      '关在+储藏室:5 从外面打不开:4 掉了一层:5 电梯+困了:5 电梯+停电:5 关在房间:4 房间+出不来:4 ' +
      '门锁坏了+出不来:4',
  },
  {
    code: 'CM-DRUNK-HELP',
    nameZh: '醉酒救助',
    nameEn: 'Drunk person needing help',
    category: 'assistance',
    lane: 'community',
    priority: 2,
    resolveHours: 4,
    isDispute: false,
    description: 'A drunk person unable to look after themselves, lying in the street.',
    keywords:
      '喝醉:2 喝多:2 醉酒:2 醉倒:5 烂醉:5 不省人事:4 醉醺醺:4 酒鬼:3 酒味:2 醉汉:3 躺在路边:4 ' +
      '躺在那里:2 睡在路边:5 睡在马路:5 躺在地上:2 坐在地上:2 倒在:2 睡着:1 叫不醒:4 吐了:3 ' +
      '弄不动:3 喝醉+躺:4 喝多+躺:4 醉+躺:3 醉+睡:3 躺在马路中间:5 喝醉的人:4 喝多了+不省人事:5 ' +
      '醉汉+坐在地上:5 喝醉的女孩:4 喝多了+摔倒:4 扶不起来:3 睡在长椅:4 长椅+喝醉:5 一直在吐:4 ' +
      '醉酒的人:4 不会走路:4 喝醉+倒在:4 喝多+倒在:4',
  },
  {
    code: 'CM-SICK-PERSON',
    nameZh: '突发疾病求助',
    nameEn: 'Sudden illness',
    category: 'assistance',
    lane: 'community',
    priority: 1,
    resolveHours: 2,
    isDispute: false,
    description: 'Someone collapsed or taken ill; help until the ambulance arrives.',
    keywords:
      '晕倒:5 昏倒:5 晕过去:5 倒下:4 倒地:3 心脏病:5 胸口疼:5 胸口:3 肚子疼:4 疼得:3 走不动:2 ' +
      '孕妇:3 抽搐:4 抽风:4 口吐白沫:5 羊癫疯:5 癫痫:5 中暑:5 呼吸困难:5 喘不上气:5 急救:4 打120:3 ' +
      '叫120:3 打了120:3 叫了120:3 救护车:3 送医院:4 血压高:3 高血压:2 脑梗:5 中风:5 摔倒:4 摔了:3 ' +
      '起不来:2 发高烧:4 发烧:3 头晕:4 脸色发白:3 脸色:2 不舒服:3 突发:3 说不出话:4 半边身子:5 ' +
      '叫救护车:4 怀孕+疼:4 噎住:5 呕吐:3 突然倒地:5 糖尿病:4 浑身发抖:3 跑步晕倒:5 突然晕倒:5 ' +
      '嘴歪:4 浑身出汗:3 说话不清楚:4 栽倒:4 突然不舒服:4 不舒服+倒在地上:5 突然倒了:4 脸发紫:4 ' +
      '发紫:3',
  },
  {
    code: 'CM-ENQUIRY',
    nameZh: '咨询办事',
    nameEn: 'Enquiry',
    category: 'assistance',
    lane: 'community',
    priority: 4,
    resolveHours: 24,
    isDispute: false,
    description: 'Questions about permits, household registration, certificates, procedures, opening hours.',
    keywords:
      '咨询:2 请问:1 想问:1 问一下:1 怎么办理:5 怎么办:1 办理:2 居住证:5 户口:4 上户口:5 新生儿:3 ' +
      '补办:4 开证明:5 证明:2 需要什么材料:5 什么材料:4 什么证件:4 材料:2 手续:3 流程:3 办证:4 ' +
      '换证:4 落户:5 迁户口:5 无犯罪记录:5 上班时间:4 几点上班:5 上班吗:4 开不开:2 窗口:3 政策:1 ' +
      '身份证:1 在哪里换:4 在哪换:4 身份证+过期:5 需要本人:4 本人去:4 怎么上户口:5 户口+迁:4 ' +
      '办什么手续:5 几点下班:5 临时身份证:5 外地的身份证:4 集体办:4 预约+办理:5 上门办理:5 ' +
      '户籍窗口:5 户籍:4 户口+注销:5 注销户口:5 派出所+几点:5 咨询+户口:5 咨询+居住证:5 ' +
      '咨询+身份证:4 咨询+证明:4 登记:2 要不要+登记:4',
  },
  // ---- public services (市政服务类)
  {
    code: 'CM-ANIMAL',
    nameZh: '动物相关',
    nameEn: 'Animals',
    category: 'public-service',
    lane: 'community',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'Stray or dangerous dogs, dog bites, unleashed dogs, snakes, wasp nests, animals indoors.',
    keywords:
      '流浪狗:5 流浪猫:5 野狗:5 狗咬:5 被狗咬:5 恶犬:5 烈性犬:5 藏獒:5 大狗:3 不拴绳:5 没拴绳:5 ' +
      '不牵绳:5 没牵绳:5 遛狗:4 狗绳:4 咬人:3 咬了:2 狗:1 猫:1 犬:2 蛇:4 马蜂窝:5 蜂窝:4 马蜂:4 ' +
      '蜂子:4 老鼠:3 黄鼠狼:5 鸽子:3 鸟:3 飞进:2 宠物:2 动物:3 狗叫:2 养了一条:3 狗咬了人:5 ' +
      '狗+咬:4 狗主人:4 蝙蝠:4 狗扑:4 钻进去一只猫:5 猫+钻:3 受伤的狗:4 鸟+卡:4 狼狗:5 冲人叫:4 ' +
      '狗+乱跑:4 猫+抓伤:5 抓伤:3 金毛:3 狗跑丢:4 狗+丢了:4 猫+树上:4 长虫:4 猫+下水道:4',
  },
  {
    code: 'CM-UTILITY-FAILURE',
    nameZh: '水电气暖故障',
    nameEn: 'Utility failure',
    category: 'public-service',
    lane: 'community',
    priority: 3,
    resolveHours: 24,
    isDispute: false,
    description: 'No water, power, gas or heating; street lights out; drains blocked.',
    keywords:
      '停水:5 停电:5 停气:5 停暖:5 没水:4 没电:4 断电:4 断水:4 跳闸:4 暖气不热:5 没有暖气:5 暖气:3 ' +
      '供暖:4 水压:4 电路故障:5 线路故障:5 电表:3 水表:3 路灯不亮:5 路灯:4 下水道:3 下水道堵:5 ' +
      '返水:4 冒水:2 断网:3 点不着火:5 打不着火:5 燃气+点不着:5 燃气:1 燃气表:1 一滴水都没有:5 ' +
      '暖气+不热:5 不热:3 屋里好冷:3 灶台:3 路灯坏了:5 冲不下去:4 自来水管爆:4 电闸:4 没法做饭:3 ' +
      '网+断了:4 电视+断:3 水是黄色:4 水+黄色:4 没电+冰箱:4 这片+没电:4 燃气突然没了:5 燃气+没了:4',
  },
  {
    code: 'CM-HAZARD',
    nameZh: '安全隐患',
    nameEn: 'Safety hazard',
    category: 'public-service',
    lane: 'community',
    priority: 2,
    resolveHours: 8,
    isDispute: false,
    description: 'Gas smell, exposed wires, loose signs, fallen trees, missing manhole covers, things thrown from height.',
    keywords:
      '燃气泄漏:5 煤气泄漏:5 煤气味:5 燃气味:5 天然气味:5 漏气:4 漏电:4 泄漏:4 液化气:4 隐患:4 ' +
      '安全隐患:5 消防隐患:5 井盖:5 电线裸露:5 私拉电线:5 飞线充电:5 电线:3 电线杆:4 耷拉:3 ' +
      '树倒了:4 倒伏:4 广告牌:4 要掉下来:4 要掉了:4 要倒:3 摇摇欲坠:5 松动:3 高空坠物:4 高空抛物:5 ' +
      '往下扔:5 砸到人:3 空调外机:3 坍塌:4 塌了:3 危房:5 裂缝:3 裂了:3 大缝:4 冒火花:4 ' +
      '电动车上楼:4 电动车进电梯:5 危险:2 风刮倒:5 被风:3 大树:2 液化气味:5 树+刮倒:5 高压线:5 ' +
      '电线+掉下来:5 摇摇晃晃:4 大坑:4 坑+危险:4 外墙+掉:4 外墙:3 配电箱:4 电线都露:5 围挡:3 ' +
      '围挡+倒:4 差点砸中:4 路面塌:5 私拉电线+充电:5 树枝+掉:4 悬着:3 雷劈:3',
  },
  {
    code: 'CM-STREET-VENDOR',
    nameZh: '占道经营',
    nameEn: 'Street vending',
    category: 'public-service',
    lane: 'community',
    priority: 4,
    resolveHours: 24,
    isDispute: false,
    description: 'Stalls and vendors on pavements or roads, shops trading outside their doors.',
    keywords:
      '摆摊:5 小摊:4 摊贩:5 流动摊贩:5 占道经营:5 占道:3 出摊:4 地摊:5 小贩:4 烧烤摊:4 夜市:2 ' +
      '卖菜:3 卖水果:3 卖小吃:4 小吃:2 推车:3 卖东西:3 叫卖:4 大喇叭:4 喇叭:2 店外经营:5 摆到:3 ' +
      '马路上+摆:4 铺了块布:4 人行道:2 城管:4 门口摆:3 商贩:4 小商贩:5 占了+人行道:4 三无食品:3 ' +
      '吆喝:4 货物+人行道:4 早餐摊:5 摊+车道:4 卖花:3 帐篷:3 门口+摆桌子:4 摆摊卖:5 小推车:4 ' +
      '卖炸串:4 卖菜的:4',
  },
  {
    code: 'CM-ENVIRONMENT',
    nameZh: '环境卫生',
    nameEn: 'Sanitation, smells and smoke',
    category: 'public-service',
    lane: 'community',
    priority: 4,
    resolveHours: 72,
    isDispute: false,
    description: 'Rubbish, cooking fumes, bad smells, open burning, dirty water, pests.',
    keywords:
      '油烟:5 异味:5 臭味:3 难闻:4 臭气:4 刺鼻:4 臭:2 味道很大:4 味道太大:4 味道:2 垃圾:3 垃圾堆:4 ' +
      '乱扔垃圾:5 乱倒:4 建筑垃圾:4 垃圾桶:3 烧垃圾:5 烧纸:4 焚烧:3 烟熏:4 熏得:3 烟味:3 排气:3 ' +
      '偷偷排:4 污水:4 排污:4 粪便:3 脏乱差:5 卫生:3 苍蝇:3 蚊子:2 烧烤:2 养殖场:4 开窗:2 嗓子疼:3 ' +
      '垃圾站:4 没清理:3 气体:2 烧纸钱:5 化粪池:5 泔水:5 下水道+臭:4 积水+发臭:5 鸽子+臭:4 ' +
      '烧电线:4 塑料味:3 养猪场:5 公厕:4 没人打扫:4 漂满了垃圾:5 蚊子太多:4 很脏:3 烧东西:3 ' +
      '有臭味:4 泔水桶:5',
  },
] as const satisfies readonly AlertTypeSpec[];
