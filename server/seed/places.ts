// Cities, districts and streets for the demo bank's branches, so addresses and phone numbers read
// like a real bank's branch list. The first three cities are the default bank.

export type City = {
  /** Two-letter branch code prefix. */
  code: string;
  name: string;
  /** Address prefix: the province (if any) and the city. */
  prefix: string;
  areaCode: string;
  districts: readonly string[];
  /** Neighbourhoods that name outlets (分理处), listed in the order of `districts`. */
  areas: readonly string[];
  /** A main street of each district, in the order of `districts`. */
  streets: readonly string[];
};

export const CITIES: readonly City[] = [
  {
    code: 'BJ', name: '北京', prefix: '北京市', areaCode: '010',
    districts: ['朝阳', '海淀', '西城', '东城', '丰台', '通州', '昌平', '大兴'],
    areas: ['望京', '中关村', '金融街', '王府井', '方庄', '亦庄', '回龙观', '国贸', '五道口', '亚运村'],
    streets: ['建国路', '中关村大街', '金融大街', '东长安街', '方庄路', '新华大街', '回龙观西大街', '兴华大街'],
  },
  {
    code: 'SH', name: '上海', prefix: '上海市', areaCode: '021',
    districts: ['浦东新', '黄浦', '徐汇', '静安', '长宁', '闵行', '杨浦', '普陀'],
    areas: ['陆家嘴', '外滩', '徐家汇', '静安寺', '虹桥', '五角场', '张江', '七宝', '新天地', '世纪公园'],
    streets: ['世纪大道', '南京东路', '漕溪北路', '南京西路', '延安西路', '七莘路', '淞沪路', '长寿路'],
  },
  {
    code: 'GZ', name: '广州', prefix: '广东省广州市', areaCode: '020',
    districts: ['天河', '越秀', '海珠', '荔湾', '白云', '番禺', '黄埔', '南沙'],
    areas: ['珠江新城', '体育中心', '北京路', '江南西', '上下九', '白云新城', '市桥', '科学城', '客村', '五羊'],
    streets: ['天河路', '中山五路', '江南大道', '康王中路', '白云大道', '番禺大道', '科学大道', '进港大道'],
  },
  {
    code: 'SZ', name: '深圳', prefix: '广东省深圳市', areaCode: '0755',
    districts: ['福田', '南山', '罗湖', '宝安', '龙岗', '龙华'],
    areas: ['车公庙', '科技园', '东门', '西乡', '布吉', '蛇口', '华强北', '前海'],
    streets: ['深南大道', '科技南路', '人民南路', '宝安大道', '龙岗大道', '南海大道'],
  },
  {
    code: 'HZ', name: '杭州', prefix: '浙江省杭州市', areaCode: '0571',
    districts: ['西湖', '上城', '拱墅', '滨江', '萧山', '余杭'],
    areas: ['黄龙', '湖滨', '武林', '钱江新城', '未来科技城', '江南', '文三', '城西'],
    streets: ['文三路', '延安路', '体育场路', '江南大道', '市心中路', '文一西路'],
  },
  {
    code: 'NJ', name: '南京', prefix: '江苏省南京市', areaCode: '025',
    districts: ['鼓楼', '玄武', '秦淮', '建邺', '江宁', '栖霞'],
    areas: ['新街口', '湖南路', '夫子庙', '河西', '百家湖', '仙林', '珠江路', '鼓楼广场'],
    streets: ['中山路', '中山北路', '中华路', '江东中路', '双龙大道', '仙林大道'],
  },
  {
    code: 'CD', name: '成都', prefix: '四川省成都市', areaCode: '028',
    districts: ['锦江', '青羊', '武侯', '成华', '金牛', '高新'],
    areas: ['春熙路', '宽窄巷子', '磨子桥', '建设路', '茶店子', '天府广场', '金融城', '九眼桥'],
    streets: ['红星路', '人民中路', '人民南路', '建设北路', '一环路', '天府大道'],
  },
  {
    code: 'WH', name: '武汉', prefix: '湖北省武汉市', areaCode: '027',
    districts: ['江汉', '武昌', '洪山', '江岸', '汉阳', '东湖高新'],
    areas: ['江汉路', '中南路', '光谷', '解放公园', '钟家村', '街道口', '汉口站', '徐东'],
    streets: ['解放大道', '中南路', '珞喻路', '建设大道', '汉阳大道', '光谷大道'],
  },
  {
    code: 'XA', name: '西安', prefix: '陕西省西安市', areaCode: '029',
    districts: ['雁塔', '碑林', '新城', '莲湖', '未央', '高新'],
    areas: ['小寨', '钟楼', '大雁塔', '北大街', '凤城', '曲江', '南门', '土门'],
    streets: ['长安北路', '南大街', '解放路', '莲湖路', '未央路', '高新路'],
  },
  {
    code: 'TJ', name: '天津', prefix: '天津市', areaCode: '022',
    districts: ['和平', '河西', '南开', '河东', '滨海新', '西青'],
    areas: ['小白楼', '友谊路', '鼓楼', '大王庄', '于家堡', '张家窝', '五大道', '水上'],
    streets: ['南京路', '友谊路', '鞍山西道', '十一经路', '新港路', '津静公路'],
  },
  {
    code: 'CQ', name: '重庆', prefix: '重庆市', areaCode: '023',
    districts: ['渝中', '江北', '南岸', '九龙坡', '沙坪坝', '渝北'],
    areas: ['解放碑', '观音桥', '南坪', '杨家坪', '三峡广场', '两路', '大坪', '江北嘴'],
    streets: ['民族路', '建新北路', '南坪正街', '杨家坪正街', '小龙坎正街', '双龙大道'],
  },
  {
    code: 'SU', name: '苏州', prefix: '江苏省苏州市', areaCode: '0512',
    districts: ['姑苏', '工业园', '吴中', '相城', '虎丘', '吴江'],
    areas: ['观前', '湖东', '石路', '狮山', '木渎', '元和', '金鸡湖', '松陵'],
    streets: ['干将西路', '苏州大道东', '人民路', '长江路', '东吴北路', '中山南路'],
  },
];

/** A branch beyond the named cities gets a plain name; a demo of that size is for benchmarks. */
export function cityAt(index: number): City {
  if (index < CITIES.length) return CITIES[index];
  const base = CITIES[index % CITIES.length];
  const n = Math.floor(index / CITIES.length) + 1;
  return { ...base, code: `B${String(index + 1).padStart(3, '0')}`, name: `${base.name}第${n}` };
}
