// The tier ladder editor: names, thresholds and colours of each tier, lowest first; tiers may be
// added and removed. The whole ladder is saved at once (PUT /api/tiers).
// data-testid: tiers-ladder, tier-row-<i> (data-code), tier-code-<i>, tier-name-zh-<i>, tier-name-en-<i>,
// tier-min-<i>, tier-color-<i>, tier-remove-<i>, tiers-add, tiers-save, tiers-reset, tiers-preview
import { useEffect, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined, DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Tier, TierInput } from '@contracts/tiers';
import { formatYuan } from '../../components/money';
import { TierTag } from '../../components/tier-tag';
import { useApiError } from '../../components/use-api-error';
import { useSaveLadder } from './api';

const MONEY = /^\d{1,18}(\.\d{1,2})?$/;
const COLOR_INPUT = { width: 32, height: 28, padding: 2, border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff', cursor: 'pointer' } as const;
const CODE = /^[a-z][a-z0-9_]{0,31}$/;
type LadderRow = TierInput & { existing?: boolean };
type LadderValues = { tiers: LadderRow[] };

const cents = (s: string) => {
  const [i, f = ''] = s.split('.');
  return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
};
const toRows = (tiers: Tier[]): LadderRow[] =>
  tiers.map((x) => ({ code: x.code, nameZh: x.nameZh, nameEn: x.nameEn, minAum: x.minAum.replace(/\.00$/, ''), color: x.color, existing: true }));

export function LadderCard({ tiers }: { tiers: Tier[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<LadderValues>();
  const save = useSaveLadder();
  const rows = Form.useWatch('tiers', form) ?? [];
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    form.setFieldsValue({ tiers: toRows(tiers) });
    setDirty(false);
  }, [tiers, form]);

  const submit = async (v: LadderValues) => {
    try {
      await save.mutateAsync({
        tiers: v.tiers.map((r) => ({ code: r.code.trim(), nameZh: r.nameZh.trim(), nameEn: r.nameEn.trim(), minAum: String(r.minAum).trim(), color: r.color })),
      });
      void message.success(t('tiers.saved'));
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Card title={t('tiers.ladderTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('tiers.ladderHint')}</Typography.Paragraph>
      <Form<LadderValues> form={form} onFinish={(v) => void submit(v)} onValuesChange={() => setDirty(true)} component={false}>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <>
              <Table
                data-testid="tiers-ladder"
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                scroll={{ x: 820 }}
                onRow={(f) => ({ 'data-testid': `tier-row-${f.name}`, 'data-code': rows[f.name]?.code ?? '' }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('tiers.rank'), key: 'rank', width: 56, render: (_, f) => <Tag>{f.name + 1}</Tag> },
                  {
                    title: t('tiers.color'),
                    key: 'color',
                    width: 70,
                    render: (_, f) => (
                      // The browser's own colour picker: the ladder needs nothing more, and it costs no bundle.
                      <Form.Item name={[f.name, 'color']} noStyle>
                        <input type="color" aria-label={t('tiers.color')} style={COLOR_INPUT} data-testid={`tier-color-${f.name}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.code'),
                    key: 'code',
                    width: 140,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'code']}
                        style={{ margin: 0 }}
                        rules={[{ required: true, pattern: CODE, message: t('tiers.codeRule') }]}
                      >
                        {/* A tier's code is what customers and quotas refer to: fixed once saved. */}
                        <Input disabled={rows[f.name]?.existing === true} maxLength={32} data-testid={`tier-code-${f.name}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.nameZh'),
                    key: 'nameZh',
                    width: 130,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'nameZh']} style={{ margin: 0 }} rules={[{ required: true, whitespace: true, max: 20, message: t('tiers.nameRule') }]}>
                        <Input maxLength={20} data-testid={`tier-name-zh-${f.name}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.nameEn'),
                    key: 'nameEn',
                    width: 150,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'nameEn']} style={{ margin: 0 }} rules={[{ required: true, whitespace: true, max: 40, message: t('tiers.nameRule') }]}>
                        <Input maxLength={40} data-testid={`tier-name-en-${f.name}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.minAum'),
                    key: 'minAum',
                    width: 210,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'minAum']}
                        style={{ margin: 0 }}
                        dependencies={f.name > 0 ? [['tiers', f.name - 1, 'minAum']] : []}
                        rules={[
                          { required: true, pattern: MONEY, message: t('tiers.moneyRule') },
                          {
                            validator: (_r, v: string | undefined) => {
                              if (!v || !MONEY.test(String(v))) return Promise.resolve();
                              if (f.name === 0) return cents(String(v)) === 0n ? Promise.resolve() : Promise.reject(new Error(t('tiers.firstZero')));
                              const prev = String(form.getFieldValue(['tiers', f.name - 1, 'minAum']) ?? '');
                              if (MONEY.test(prev) && cents(String(v)) <= cents(prev)) return Promise.reject(new Error(t('tiers.rising')));
                              return Promise.resolve();
                            },
                          },
                        ]}
                      >
                        <InputNumber<string>
                          stringMode
                          min="0"
                          precision={2}
                          prefix="¥"
                          style={{ width: '100%' }}
                          formatter={(v) => (v ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '')}
                          parser={(v) => (v ?? '').replace(/[,\s¥]/g, '')}
                          data-testid={`tier-min-${f.name}`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '',
                    key: 'remove',
                    width: 56,
                    render: (_, f) => (
                      <Tooltip title={t('tiers.remove')}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={fields.length <= 1}
                          onClick={() => {
                            remove(f.name);
                            setDirty(true);
                          }}
                          aria-label={t('tiers.remove')}
                          data-testid={`tier-remove-${f.name}`}
                        />
                      </Tooltip>
                    ),
                  },
                ]}
              />
              <Flex gap={8} wrap style={{ marginTop: 12 }}>
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 12}
                  onClick={() => {
                    add({ code: '', nameZh: '', nameEn: '', minAum: '', color: '#8c8c8c' });
                    setDirty(true);
                  }}
                  data-testid="tiers-add"
                >
                  {t('tiers.add')}
                </Button>
                <div style={{ flex: 1 }} />
                <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => form.setFieldsValue({ tiers: toRows(tiers) })} data-testid="tiers-reset">
                  {t('common.reset')}
                </Button>
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => form.submit()} data-testid="tiers-save">
                  {t('tiers.save')}
                </Button>
              </Flex>
            </>
          )}
        </Form.List>
      </Form>
      <Flex gap={6} wrap align="center" style={{ marginTop: 16 }} data-testid="tiers-preview">
        {tiers.map((x, i) => (
          <Space key={x.code} size={6}>
            {i > 0 ? <ArrowRightOutlined style={{ color: '#bfbfbf' }} /> : null}
            <TierTag code={x.code} nameZh={x.nameZh} nameEn={x.nameEn} color={x.color} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ≥ {formatYuan(x.minAum)}
            </Typography.Text>
          </Space>
        ))}
      </Flex>
    </Card>
  );
}

