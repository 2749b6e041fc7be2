// Cues that a call is no matter for the station: recommendations, weather, travel, shopping,
// chit-chat, greetings, tests and wrong numbers, sales calls (the issue's own examples are
// restaurant recommendations, weather, chit-chat and sales calls). They feed the "no matter"
// rival every type must beat, so 推荐一家好吃的饭店 is not a consumer dispute for its 饭店. They
// never type a text; a real alert's own cues outweigh them. Same `phrase:weight` notation.
export const NO_MATTER_CUES =
  // recommendations, where to find or buy things, food, fun
  '推荐:3 推荐一下:4 有什么推荐:4 有没有推荐:3 想找个:2 哪家:2 哪家好:4 哪个好:3 哪个牌子:3 什么牌子:3 哪里有卖:3 哪里买:3 ' +
  '好吃:3 好玩:3 好看的:2 好听的:3 实惠:2 特产:3 ' +
  // weather, dates, time
  '天气:3 下雨:2 下雪:2 气温:3 温度:2 带伞:3 几点了:3 几号:2 星期几:3 放几天假:3 ' +
  // travel and errands for a person
  '怎么走:3 坐几路:3 怎么坐车:3 车票:3 机票:3 高铁:3 加油站:2 在哪:1 话费:3 快递到哪:3 ' +
  '订一桌:3 订一张:3 点一份:3 叫个出租车:3 ' +
  // chit-chat, greetings, thanks, wishes, tests, wrong numbers
  '聊天:3 聊聊:3 聊会儿:3 无聊:2 心情:2 闷得慌:3 祝福:3 生日:2 新年快乐:4 辛苦了:3 你好啊:2 ' +
  '吃了吗:3 哈哈:2 测试:3 试一下:2 通不通:3 打通:1 打错:3 按错:3 拨错:3 乱按:3 机器人:2 ' +
  // sales and marketing calls
  '我们是做:3 我们公司是:3 我们这边是做:3 我们这里有:2 需要吗:2 有需要吗:3 优惠:3 打折:3 打五折:3 ' +
  '特价:3 开业:2 新店开业:3 市场调查:4 理财产品:3 利息低:3 低息:3 免费试用:3 免费安装:3 宽带:3 ' +
  '您家:2 考虑出售:3 请你们:2 请你们吃饭:4 这里是+公司:3 需要装修吗:4 需要办理吗:3 可以提额:3 ' +
  '楼盘:3 买房:3 房价:3 ' +
  // advice a station does not give
  '好点的:2 找个+老师:3 想学:3 学做:3 菜谱:4 减肥:4 失眠:2 考驾照:3 驾校:3 作文:3 采访:3 哪个医院:3 还开吗:2 休息吗:2';
