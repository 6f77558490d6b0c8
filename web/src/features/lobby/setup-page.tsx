// Lobby set-up (大堂设置) of an outlet: zones, counters, self-service devices (lobby.setup); business
// types, routing rules and service levels (head office's defaults: lobby.config; an outlet's own
// routing adjustments: lobby.setup); the board notices (lobby.setup). Readers without the write
// permission see the tables only.
// data-testid: lobby-setup, setup-tab-<key>, setup-zones, zone-edit-<code>, setup-counters,
// counter-add, counter-edit-<id>, setup-devices, device-add, setup-business, business-edit-<code>,
// setup-routing, routing-edit, setup-levels, levels-edit, setup-dialog, setup-submit
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  DEVICE_KINDS, DEVICE_KIND_LABELS, ZONE_KINDS, ZONE_KIND_LABELS, type BusinessType, type Counter, type RoutingRule, type RoutingRuleInput, type ServiceLevel, type Zone,
} from '@contracts/lobby';
import { useAuth } from '../../app/auth';
import { useBi, useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { useApiError } from '../../components/use-api-error';
import { useTierLadder } from '../../components/use-tiers';
import {
  useAddDevice, useBusinessTypes, useRoutingRules, useSaveBusinessType, useSaveCounter, useSaveRoutingRules, useSaveServiceLevels, useSaveZone, useServiceLevels, useSetup,
} from './api';
import { NoticesCard } from './notices-card';
import { HoursCard } from './hours-card';
import { OutletPicker, useOutletChoice } from './shared';

type Dialog = { title: string; initial: Record<string, unknown>; fields: ReactNode; save: (v: Record<string, unknown>) => Promise<unknown>; wide?: boolean };

function SetupDialog({ dialog, onClose }: { dialog: Dialog | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const showError = useApiError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={!!dialog}
      title={dialog?.title}
      width={dialog?.wide ? 900 : 520}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'setup-submit' } as Record<string, string>}
      destroyOnHidden
      onOk={async () => {
        if (!dialog) return;
        const v = await form.validateFields();
        setBusy(true);
        try {
          await dialog.save(v);
          void message.success(t('common.saved'));
          onClose();
        } catch (e) {
          showError(e, form);
        } finally {
          setBusy(false);
        }
      }}
    >
      <div data-testid="setup-dialog">
        {dialog ? (
          <Form form={form} layout="vertical" initialValues={dialog.initial} preserve={false}>
            {dialog.fields}
          </Form>
        ) : null}
      </div>
    </Modal>
  );
}

const req = (msg: string) => [{ required: true, message: msg }];

export function SetupPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const pick = useNamePick();
  const { can } = useAuth();
  const choice = useOutletChoice();
  const branchId = choice.branchId;
  const setup = useSetup(branchId);
  const types = useBusinessTypes();
  const levels = useServiceLevels();
  const routing = useRoutingRules(branchId);
  const ladder = useTierLadder();
  /** "2 白金及以上" / "2 Platinum and above": a rank with the tier it stands for. */
  const rankLabel = (rank: number) => {
    const tier = ladder.data?.find((x) => x.rank === rank);
    return rank === 0 || !tier ? String(rank) : `${rank} · ${t('lobby.setup.tierAndAbove', { tier: pick(tier.nameZh, tier.nameEn) })}`;
  };
  const saveZone = useSaveZone();
  const saveCounter = useSaveCounter();
  const addDevice = useAddDevice();
  const saveType = useSaveBusinessType();
  const saveRules = useSaveRoutingRules();
  const saveLevels = useSaveServiceLevels();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [tab, setTab] = useState('zones');
  const canSetup = can('lobby.setup');
  const canConfig = can('lobby.config');
  const must = req(t('lobby.actions.required'));

  if (!branchId && choice.loading) return <FullSpin />;
  if (setup.isError && !setup.data) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;
  const s = setup.data;
  const zones = s?.zones ?? [];
  const zoneName = (code: string | null) => {
    const z = zones.find((x) => x.code === code);
    return z ? pick(z.nameZh, z.nameEn) : (code ?? '—');
  };
  const businessName = (code: string) => {
    const b = types.data?.find((x) => x.code === code);
    return b ? pick(b.nameZh, b.nameEn) : code;
  };
  const zoneOptions = zones.map((z) => ({ value: z.code, label: pick(z.nameZh, z.nameEn) }));
  const businessOptions = (types.data ?? []).map((b) => ({ value: b.code, label: pick(b.nameZh, b.nameEn) }));
  const kindOptions = ZONE_KINDS.map((k) => ({ value: k, label: bi(ZONE_KIND_LABELS[k]) }));

  const editZone = (z: Zone) =>
    setDialog({
      title: t('lobby.setup.editZone', { name: pick(z.nameZh, z.nameEn) }),
      initial: { kind: z.kind, nameZh: z.nameZh, nameEn: z.nameEn, prefix: z.prefix, priorityPrefix: z.priorityPrefix, active: z.active },
      fields: (
        <>
          <Form.Item name="kind" label={t('lobby.setup.kind')} rules={must}>
            <Select options={kindOptions} />
          </Form.Item>
          <Form.Item name="nameZh" label={t('lobby.setup.nameZh')} rules={must}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('lobby.setup.nameEn')} rules={must}>
            <Input maxLength={60} />
          </Form.Item>
          <Space>
            <Form.Item name="prefix" label={t('lobby.setup.prefix')} rules={[...must, { pattern: /^[A-Z]{1,2}$/, message: 'A-Z' }]}>
              <Input maxLength={2} style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="priorityPrefix" label={t('lobby.setup.priorityPrefix')} rules={[...must, { pattern: /^[A-Z]{1,2}$/, message: 'A-Z' }]}>
              <Input maxLength={2} style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="active" label={t('lobby.setup.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </>
      ),
      save: (v) => saveZone.mutateAsync({ branchId: branchId!, code: z.code, body: v as never }),
    });

  const editCounter = (c?: Counter) =>
    setDialog({
      title: c ? t('lobby.setup.editCounter', { n: c.number }) : t('lobby.setup.addCounter'),
      initial: c ? { zoneCode: c.zoneCode, number: c.number, businessCodes: c.businessCodes } : { businessCodes: [] },
      fields: (
        <>
          <Form.Item name="number" label={t('lobby.setup.counterNumber')} rules={must}>
            <Input maxLength={8} />
          </Form.Item>
          <Form.Item name="zoneCode" label={t('lobby.common.zone')} rules={must}>
            <Select options={zoneOptions} />
          </Form.Item>
          <Form.Item name="businessCodes" label={t('lobby.setup.businessServed')} extra={t('lobby.setup.businessServedHint')}>
            <Select mode="multiple" options={businessOptions} />
          </Form.Item>
        </>
      ),
      save: (v) => saveCounter.mutateAsync({ branchId: branchId!, id: c?.id, body: v as never }),
    });

  const newDevice = () =>
    setDialog({
      title: t('lobby.setup.addDevice'),
      initial: { zoneCode: null },
      fields: (
        <>
          <Form.Item name="kind" label={t('lobby.setup.deviceKind')} rules={must}>
            <Select options={DEVICE_KINDS.map((k) => ({ value: k, label: bi(DEVICE_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="label" label={t('lobby.setup.deviceLabel')} rules={must}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="zoneCode" label={t('lobby.common.zone')}>
            <Select allowClear options={zoneOptions} />
          </Form.Item>
        </>
      ),
      save: (v) =>
        addDevice.mutateAsync({
          branchId: branchId!,
          body: { kind: v.kind as (typeof DEVICE_KINDS)[number], label: String(v.label), zoneCode: (v.zoneCode as string | undefined) ?? null },
        }),
    });

  const editType = (b: BusinessType) =>
    setDialog({
      title: t('lobby.setup.editBusiness', { name: pick(b.nameZh, b.nameEn) }),
      initial: { nameZh: b.nameZh, nameEn: b.nameEn, defaultZone: b.defaultZone, selfService: b.selfService, needsAmount: b.needsAmount, serviceMinutes: b.serviceMinutes, active: b.active, sortOrder: b.sortOrder },
      fields: (
        <>
          <Form.Item name="nameZh" label={t('lobby.setup.nameZh')} rules={must}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('lobby.setup.nameEn')} rules={must}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="defaultZone" label={t('lobby.setup.defaultZone')} rules={must}>
            <Select options={kindOptions} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="serviceMinutes" label={t('lobby.setup.serviceMinutes')} rules={must}>
              <InputNumber min={0.5} max={240} step={0.5} />
            </Form.Item>
            <Form.Item name="sortOrder" label={t('lobby.setup.sortOrder')}>
              <InputNumber min={0} max={999} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="selfService" valuePropName="checked">
              <Checkbox>{t('lobby.setup.selfService')}</Checkbox>
            </Form.Item>
            <Form.Item name="needsAmount" valuePropName="checked">
              <Checkbox>{t('lobby.setup.needsAmount')}</Checkbox>
            </Form.Item>
            <Form.Item name="active" valuePropName="checked">
              <Checkbox>{t('lobby.setup.active')}</Checkbox>
            </Form.Item>
          </Space>
        </>
      ),
      save: (v) => saveType.mutateAsync({ code: b.code, body: v as never }),
    });

  const ruleFields = (
    <Form.List name="rules">
      {(items, { add, remove }) => (
        <>
          {items.map(({ key, name }) => (
            <Space key={key} align="baseline" wrap style={{ marginBottom: 4 }}>
              <Form.Item name={[name, 'businessCode']} rules={must} style={{ width: 160 }}>
                <Select options={businessOptions} placeholder={t('lobby.common.business')} />
              </Form.Item>
              <Form.Item name={[name, 'minTierRank']} style={{ width: 90 }}>
                <InputNumber min={0} max={20} placeholder={t('lobby.setup.minTierRank')} />
              </Form.Item>
              <Form.Item name={[name, 'minAmount']} style={{ width: 110 }}>
                <Input placeholder={t('lobby.setup.minAmount')} />
              </Form.Item>
              <Form.Item name={[name, 'maxAmount']} style={{ width: 110 }}>
                <Input placeholder={t('lobby.setup.maxAmount')} />
              </Form.Item>
              <Form.Item name={[name, 'zone']} rules={must} style={{ width: 150 }}>
                <Select options={kindOptions} placeholder={t('lobby.common.zone')} />
              </Form.Item>
              <Form.Item name={[name, 'note']} style={{ width: 140 }}>
                <Input placeholder={t('lobby.actions.note')} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ minTierRank: 0 })}>
            {t('lobby.setup.addRule')}
          </Button>
        </>
      )}
    </Form.List>
  );
  const toInput = (r: RoutingRule) => ({ businessCode: r.businessCode, minTierRank: r.minTierRank, minAmount: r.minAmount, maxAmount: r.maxAmount, zone: r.zone, note: r.note });
  const fromForm = (v: Record<string, unknown>): RoutingRuleInput[] =>
    ((v.rules as Record<string, unknown>[] | undefined) ?? []).map((r) => ({
      businessCode: String(r.businessCode),
      minTierRank: Number(r.minTierRank ?? 0),
      minAmount: r.minAmount ? String(r.minAmount) : null,
      maxAmount: r.maxAmount ? String(r.maxAmount) : null,
      zone: r.zone as RoutingRuleInput['zone'],
      note: typeof r.note === 'string' ? r.note : '',
    }));
  const editRules = (scope: 'outlet' | 'defaults') =>
    setDialog({
      title: scope === 'outlet' ? t('lobby.setup.editOutletRules') : t('lobby.setup.editDefaultRules'),
      wide: true,
      initial: { rules: (scope === 'outlet' ? routing.data?.outlet : routing.data?.defaults)?.map(toInput) ?? [] },
      fields: ruleFields,
      save: (v) => saveRules.mutateAsync({ branchId: scope === 'outlet' ? branchId : null, rules: fromForm(v) }),
    });

  const editLevels = () =>
    setDialog({
      title: t('lobby.setup.editLevels'),
      wide: true,
      initial: { levels: (levels.data ?? []).map((l) => ({ nameZh: l.nameZh, nameEn: l.nameEn, minTierRank: l.minTierRank, maxWaitMinutes: l.maxWaitMinutes, targetShare: l.targetShare })) },
      fields: (
        <Form.List name="levels">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Space key={key} align="baseline" wrap>
                  <Form.Item name={[name, 'nameZh']} rules={must}>
                    <Input placeholder={t('lobby.setup.nameZh')} />
                  </Form.Item>
                  <Form.Item name={[name, 'nameEn']} rules={must}>
                    <Input placeholder={t('lobby.setup.nameEn')} />
                  </Form.Item>
                  <Form.Item name={[name, 'minTierRank']} rules={must}>
                    <InputNumber min={0} max={20} placeholder={t('lobby.setup.minTierRank')} />
                  </Form.Item>
                  <Form.Item name={[name, 'maxWaitMinutes']} rules={must}>
                    <InputNumber min={1} max={240} placeholder={t('lobby.rule.maxWait')} />
                  </Form.Item>
                  <Form.Item name={[name, 'targetShare']}>
                    <InputNumber min={0.1} max={1} step={0.05} placeholder={t('lobby.rule.targetShare')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ minTierRank: 0, targetShare: 0.8 })}>
                {t('lobby.setup.addLevel')}
              </Button>
            </>
          )}
        </Form.List>
      ),
      save: (v) => saveLevels.mutateAsync({ levels: v.levels as never }),
    });

  const ruleColumns = [
    { title: t('lobby.common.business'), dataIndex: 'businessCode', render: (c: string) => businessName(c) },
    { title: t('lobby.setup.minTierRank'), dataIndex: 'minTierRank', render: (r: number) => rankLabel(r) },
    {
      title: t('lobby.setup.amountRange'),
      key: 'a',
      render: (_: unknown, r: RoutingRule) => (r.minAmount || r.maxAmount ? `${r.minAmount ?? '0'} – ${r.maxAmount ?? '∞'}` : '—'),
    },
    { title: t('lobby.common.zone'), dataIndex: 'zone', render: (k: Zone['kind']) => bi(ZONE_KIND_LABELS[k]) },
    { title: t('lobby.actions.note'), dataIndex: 'note' },
  ];

  const tabs = [
    {
      key: 'zones',
      children: (
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: true }}
          data-testid="setup-zones"
          dataSource={zones}
          columns={[
            { title: t('lobby.setup.name'), key: 'n', render: (_: unknown, z: Zone) => pick(z.nameZh, z.nameEn) },
            { title: t('lobby.setup.kind'), dataIndex: 'kind', render: (k: Zone['kind']) => bi(ZONE_KIND_LABELS[k]) },
            { title: t('lobby.setup.prefix'), key: 'p', render: (_: unknown, z: Zone) => `${z.prefix} / ${z.priorityPrefix}` },
            { title: t('lobby.setup.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
            ...(canSetup
              ? [{ title: t('common.actions'), key: 'e', render: (_: unknown, z: Zone) => <Button size="small" type="link" onClick={() => editZone(z)} data-testid={`zone-edit-${z.code}`}>{t('common.edit')}</Button> }]
              : []),
          ]}
        />
      ),
    },
    {
      key: 'counters',
      children: (
        <>
          {canSetup ? (
            <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => editCounter()} data-testid="counter-add">
              {t('lobby.setup.addCounter')}
            </Button>
          ) : null}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            data-testid="setup-counters"
            dataSource={s?.counters ?? []}
            columns={[
              { title: t('lobby.common.counter'), dataIndex: 'number', render: (n: string) => t('lobby.common.counterNo', { n }) },
              { title: t('lobby.common.zone'), dataIndex: 'zoneCode', render: (c: string) => zoneName(c) },
              {
                title: t('lobby.setup.businessServed'),
                dataIndex: 'businessCodes',
                render: (codes: string[]) => (codes.length === 0 ? <Typography.Text type="secondary">{t('lobby.setup.allBusiness')}</Typography.Text> : codes.map(businessName).join('、')),
              },
              { title: t('lobby.common.status'), dataIndex: 'status', render: (st: string) => t(`lobby.counterStatus.${st}`) },
              ...(canSetup
                ? [{ title: t('common.actions'), key: 'e', render: (_: unknown, c: Counter) => <Button size="small" type="link" onClick={() => editCounter(c)} data-testid={`counter-edit-${c.id}`}>{t('common.edit')}</Button> }]
                : []),
            ]}
          />
        </>
      ),
    },
    {
      key: 'devices',
      children: (
        <>
          {canSetup ? (
            <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={newDevice} data-testid="device-add">
              {t('lobby.setup.addDevice')}
            </Button>
          ) : null}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            data-testid="setup-devices"
            dataSource={s?.devices ?? []}
            columns={[
              { title: t('lobby.setup.deviceLabel'), dataIndex: 'label' },
              { title: t('lobby.setup.deviceKind'), dataIndex: 'kind', render: (k: keyof typeof DEVICE_KIND_LABELS) => bi(DEVICE_KIND_LABELS[k]) },
              { title: t('lobby.common.zone'), dataIndex: 'zoneCode', render: (c: string | null) => zoneName(c) },
              {
                title: t('lobby.common.status'),
                dataIndex: 'status',
                render: (st: string) => <Tag color={st === 'ok' ? 'green' : st === 'offline' ? 'default' : 'red'}>{t(`lobby.deviceStatus.${st}`)}</Tag>,
              },
            ]}
          />
        </>
      ),
    },
    {
      key: 'business',
      children: (
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: true }}
          data-testid="setup-business"
          dataSource={[...(types.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder)}
          columns={[
            { title: t('lobby.setup.name'), key: 'n', render: (_: unknown, b: BusinessType) => pick(b.nameZh, b.nameEn) },
            { title: t('lobby.setup.defaultZone'), dataIndex: 'defaultZone', render: (k: Zone['kind']) => bi(ZONE_KIND_LABELS[k]) },
            { title: t('lobby.setup.serviceMinutes'), dataIndex: 'serviceMinutes', align: 'right' as const },
            {
              title: t('lobby.setup.flags'),
              key: 'f',
              render: (_: unknown, b: BusinessType) => (
                <Space size={4}>
                  {b.selfService ? <Tag color="cyan">{t('lobby.setup.selfService')}</Tag> : null}
                  {b.needsAmount ? <Tag>{t('lobby.setup.needsAmount')}</Tag> : null}
                  {b.active ? null : <Tag>{t('lobby.setup.inactive')}</Tag>}
                </Space>
              ),
            },
            ...(canConfig
              ? [{ title: t('common.actions'), key: 'e', render: (_: unknown, b: BusinessType) => <Button size="small" type="link" onClick={() => editType(b)} data-testid={`business-edit-${b.code}`}>{t('common.edit')}</Button> }]
              : []),
          ]}
        />
      ),
    },
    {
      key: 'routing',
      children: (
        <div data-testid="setup-routing">
          <Typography.Paragraph>
            {t('lobby.setup.routingHint', { threshold: routing.data?.largeCashThreshold ?? '—' })}
          </Typography.Paragraph>
          <Card
            size="small"
            title={t('lobby.setup.outletRules')}
            style={{ marginBottom: 12 }}
            extra={canSetup ? <Button size="small" onClick={() => editRules('outlet')} data-testid="routing-edit">{t('common.edit')}</Button> : null}
          >
            <Table size="small" rowKey="id" pagination={false} scroll={{ x: true }} dataSource={routing.data?.outlet ?? []} columns={ruleColumns} locale={{ emptyText: t('lobby.setup.noOutletRules') }} />
          </Card>
          <Card
            size="small"
            title={t('lobby.setup.defaultRules')}
            extra={canConfig ? <Button size="small" onClick={() => editRules('defaults')} data-testid="routing-edit-defaults">{t('common.edit')}</Button> : null}
          >
            <Table size="small" rowKey="id" pagination={false} scroll={{ x: true }} dataSource={routing.data?.defaults ?? []} columns={ruleColumns} />
          </Card>
        </div>
      ),
    },
    {
      key: 'levels',
      children: (
        <>
          {canConfig ? (
            <Button style={{ marginBottom: 12 }} onClick={editLevels} data-testid="levels-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="setup-levels"
            dataSource={levels.data ?? []}
            columns={[
              { title: t('lobby.rule.level'), key: 'n', render: (_: unknown, l: ServiceLevel) => pick(l.nameZh, l.nameEn) },
              { title: t('lobby.rule.fromRank'), dataIndex: 'minTierRank', align: 'right' as const },
              { title: t('lobby.rule.maxWait'), dataIndex: 'maxWaitMinutes', align: 'right' as const, render: (n: number) => t('lobby.common.minutes', { n }) },
              { title: t('lobby.rule.targetShare'), dataIndex: 'targetShare', align: 'right' as const, render: (x: number) => `${Math.round(x * 100)}%` },
            ]}
          />
        </>
      ),
    },
    { key: 'notices', children: branchId ? <NoticesCard branchId={branchId} bordered={false} /> : null },
    { key: 'hours', children: s ? <HoursCard setup={s} /> : null },
  ];

  return (
    <div data-testid="lobby-setup">
      <PageTitle
        title={t('lobby.setup.title')}
        subtitle={s ? `${s.branchName} · ${t('lobby.setup.hours', { from: s.opensAt, to: s.closesAt })}` : undefined}
        extra={<OutletPicker choice={choice} />}
      />
      <Card>
        {!s ? (
          <FullSpin />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={tabs.map((x) => ({ key: x.key, label: <span data-testid={`setup-tab-${x.key}`}>{t(`lobby.setup.tabs.${x.key}`)}</span>, children: x.children }))}
          />
        )}
      </Card>
      <SetupDialog dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
