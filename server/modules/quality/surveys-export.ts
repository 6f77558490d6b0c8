// The satisfaction report as a file: PDF (with a CJK font from Debian's fonts-noto-cjk, so Chinese
// renders) and xlsx. Both carry the three parts and the breakdown by branch and month.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { SurveyFigure, SurveyGroup, SurveyReport } from '../../../contracts/surveys';

const FONT_CANDIDATES = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

export function cjkFont(): { file: string; family: string } | null {
  return FONT_CANDIDATES.find((f) => fs.existsSync(f.file)) ?? null;
}

const fmt = (f: SurveyFigure, d = 1) => (f.value === null ? '—' : `${f.value.toFixed(d)}${f.low === null ? '' : ` [${f.low.toFixed(d)}, ${f.high!.toFixed(d)}]`}`);

function groupRow(g: SurveyGroup): (string | number)[] {
  return [g.label, g.n, fmt(g.csat), fmt(g.mean, 2), fmt(g.nps), g.tooSmall ? '样本不足以区分 Too small to separate' : ''];
}

export async function reportPdf(r: SurveyReport): Promise<Buffer> {
  const font = cjkFont();
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `满意度报告 Satisfaction report ${r.from} – ${r.to}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (font) {
    doc.registerFont('cjk', font.file, font.family);
    doc.font('cjk');
  }
  const h = (text: string) => doc.moveDown(0.6).fontSize(13).fillColor('#1f3a5f').text(text).fillColor('black').fontSize(10);
  doc.fontSize(18).text('客户满意度报告  Customer satisfaction report');
  doc.fontSize(10).fillColor('#555').text(`${r.scopeLabel} · ${r.from} 至 ${r.to}`).fillColor('black');

  h('一、总体满意度  Overall satisfaction');
  doc.text(`有效答卷 Answers: ${r.overall.n}`);
  doc.text(`满意率 CSAT (4–5分, %): ${fmt(r.overall.csat)}`);
  doc.text(`平均分 Mean score (1–5): ${fmt(r.overall.mean, 2)}`);
  doc.text(`净推荐值 NPS (95% 置信区间 CI): ${fmt(r.overall.nps)}  推荐者 ${r.overall.promoters} / 中立者 ${r.overall.passives} / 贬损者 ${r.overall.detractors}`);

  h('二、分指标满意度  Satisfaction per indicator');
  for (const i of r.indicators) doc.text(`${i.zh} ${i.en}: ${fmt(i.mean, 2)}  n=${i.n}  相关系数 r=${i.correlation ?? '—'}`);

  h('三、改进建议  Improvement suggestions');
  if (r.drivers.length === 0) doc.text('暂无明显拉低满意度的指标 No indicator stands out as pulling satisfaction down.');
  for (const d of r.drivers) {
    doc.text(`${d.rank}. ${d.zh} ${d.en}: 平均 ${d.mean.value ?? '—'}，与总体满意度相关 ${d.correlation ?? '—'}，影响度 ${d.impact ?? '—'}`);
    for (const c of d.comments) doc.fillColor('#555').text(`    “${c.replace(/\s+/g, ' ').slice(0, 160)}”`).fillColor('black');
  }

  h('分机构  By branch');
  for (const g of r.groups.branch.slice(0, 60)) doc.text(groupRow(g).filter((x) => x !== '').join('  ·  '));
  h('月度趋势  Monthly trend');
  for (const g of r.groups.month) doc.text(groupRow(g).slice(0, 5).join('  ·  '));
  doc.end();
  return done;
}

export async function reportXlsx(r: SurveyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Patron';
  const summary = wb.addWorksheet('总体 Overall');
  summary.addRows([
    ['客户满意度报告 Customer satisfaction report', `${r.scopeLabel}`, `${r.from} – ${r.to}`],
    [],
    ['指标 Figure', '值 Value', '下限 Low', '上限 High'],
    ['答卷数 Answers', r.overall.n],
    ['满意率 CSAT %', r.overall.csat.value, r.overall.csat.low, r.overall.csat.high],
    ['平均分 Mean (1–5)', r.overall.mean.value, r.overall.mean.low, r.overall.mean.high],
    ['净推荐值 NPS', r.overall.nps.value, r.overall.nps.low, r.overall.nps.high],
    [],
    ['指标 Indicator', '平均分 Mean', '下限 Low', '上限 High', '答卷 n', '相关 r', '影响度 Impact'],
    ...r.indicators.map((i) => [`${i.zh} ${i.en}`, i.mean.value, i.mean.low, i.mean.high, i.n, i.correlation, i.impact]),
    [],
    ['改进建议 Suggestions', '排名 Rank', '代表性意见 Comments'],
    ...r.drivers.map((d) => [`${d.zh} ${d.en}`, d.rank, d.comments.join(' | ')]),
  ]);
  summary.getColumn(1).width = 32;
  const header = ['名称 Name', '答卷 n', 'CSAT %', 'CSAT 下限', 'CSAT 上限', '平均分 Mean', '下限 Low', '上限 High', 'NPS', 'NPS 下限', 'NPS 上限', '样本不足以区分 Too small'];
  for (const [dim, title] of [['branch', '分机构 Branch'], ['rm', '客户经理 RM'], ['businessLine', '业务条线 Line'], ['tier', '客户等级 Tier'], ['month', '月度 Month']] as const) {
    const ws = wb.addWorksheet(title);
    ws.addRow(header).font = { bold: true };
    for (const g of r.groups[dim]) {
      ws.addRow([g.label, g.n, g.csat.value, g.csat.low, g.csat.high, g.mean.value, g.mean.low, g.mean.high, g.nps.value, g.nps.low, g.nps.high, g.tooSmall ? '是 yes' : '']);
    }
    ws.getColumn(1).width = 28;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
