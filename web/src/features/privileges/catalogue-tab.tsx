// The catalogue of value-added services and the yearly quota of each per tier. Head office
// (privileges.manage) edits; the table is the same for everyone who may see it.
// data-testid: catalogue-table, catalogue-row-<code>, catalogue-edit-<code>, catalogue-add,
// privilege-form-code, privilege-form-name-zh, privilege-form-name-en, privilege-form-partner,
// privilege-form-cost, privilege-form-active, privilege-form-quota-<tierCode>, privilege-form-submit
import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Col, Divider, Form, Input, InputNumber, Modal, Row, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Privilege } from '@contracts/privileges';
import { useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { TierTag } from '../../components/tier-tag';
import { useApiError } from '../../components/use-api-error';
import { useTierLadder } from '../../components/use-tiers';
import { useCatalogue, useSavePrivilege } from './api';

type FormValues = {
  code: string;
  nameZh: string;
  nameEn: string;
  partner?: string;
  unitCost: string;
  active: boolean;
  quotas: Record<string, number | null>;
};

const CODE = /^[a-z][a-z0-9_]{1,39}$/;
const MONEY = /^\d{1,15}(\.\d{1,2})?$/;

function PrivilegeDialog({ privilege, onClose }: { privilege: Privilege | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const ladder = useTierLadder();
  const save = useSavePrivilege();
  const [form] = Form.useForm<FormValues>();
  const initial: Partial<FormValues> = privilege
    ? {
        code: privilege.code,
        nameZh: privilege.nameZh,
        nameEn: privilege.nameEn,
        partner: privilege.partner,
        unitCost: privilege.unitCost,
        active: privilege.active,
        quotas: Object.fromEntries(privilege.quotas.map((q) => [q.tierCode, q.perYear])),
      }
    : { active: true, quotas: {} };

  const submit = async (v: FormValues) => {
    try {
      await save.mutateAsync({
        code: v.code.trim(),
        fields: { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), partner: (v.partner ?? '').trim(), unitCost: String(v.unitCost).trim(), active: v.active },
        quotas: (ladder.data ?? []).map((x) => ({ tierCode: x.code, perYear: v.quotas?.[x.code] ?? 0 })),
      });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={privilege ? t('privileges.catalogue.editTitle', { name: privilege.nameZh }) : t('privileges.catalogue.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'privilege-form-submit' }}
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="code" label={t('privileges.catalogue.code')} rules={[{ required: true, pattern: CODE, message: t('privileges.catalogue.codeRule') }]}>
              <Input disabled={privilege !== null} maxLength={40} data-testid="privilege-form-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unitCost" label={t('privileges.catalogue.unitCost')} rules={[{ required: true, pattern: MONEY, message: t('privileges.catalogue.costRule') }]}>
              <InputNumber<string> stringMode min="0" precision={2} prefix="¥" style={{ width: '100%' }} data-testid="privilege-form-cost" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nameZh" label={t('privileges.catalogue.nameZh')} rules={[{ required: true, whitespace: true, max: 60 }]}>
              <Input maxLength={60} data-testid="privilege-form-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nameEn" label={t('privileges.catalogue.nameEn')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} data-testid="privilege-form-name-en" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="partner" label={t('privileges.catalogue.partner')} rules={[{ max: 100 }]}>
              <Input maxLength={100} data-testid="privilege-form-partner" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="active" label={t('privileges.catalogue.active')} valuePropName="checked">
              <Switch data-testid="privilege-form-active" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" style={{ margin: '4px 0 12px' }}>
          {t('privileges.catalogue.quotasTitle')}
        </Divider>
        <Row gutter={12}>
          {(ladder.data ?? []).map((x) => (
            <Col key={x.code} xs={12} sm={8}>
              <Form.Item
                name={['quotas', x.code]}
                label={<TierTag code={x.code} nameZh={x.nameZh} nameEn={x.nameEn} color={x.color} />}
                rules={[{ type: 'integer', min: 0, max: 999 }]}
              >
                <InputNumber min={0} max={999} precision={0} placeholder="0" suffix={t('privileges.catalogue.perYear')} style={{ width: '100%' }} data-testid={`privilege-form-quota-${x.code}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}

export function CatalogueTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const ladder = useTierLadder();
  const catalogue = useCatalogue(true);
  const [editing, setEditing] = useState<{ p: Privilege | null } | null>(null);

  const columns = useMemo<ColumnsType<Privilege>>(
    () => [
      {
        title: t('privileges.catalogue.service'),
        key: 'name',
        fixed: 'left',
        width: 180,
        render: (_, p) => (
          <div>
            <Typography.Text strong>{pick(p.nameZh, p.nameEn)}</Typography.Text>
            {!p.active ? <Tag style={{ marginInlineStart: 6 }}>{t('privileges.catalogue.inactive')}</Tag> : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.code}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      { title: t('privileges.catalogue.partner'), dataIndex: 'partner', width: 150, ellipsis: true },
      { title: t('privileges.catalogue.unitCost'), dataIndex: 'unitCost', width: 110, align: 'right', render: (v: string) => formatYuan(v) },
      ...(ladder.data ?? []).map((x) => ({
        title: <TierTag code={x.code} nameZh={x.nameZh} nameEn={x.nameEn} color={x.color} />,
        key: `q-${x.code}`,
        width: 90,
        align: 'center' as const,
        render: (_: unknown, p: Privilege) => {
          const n = p.quotas.find((q) => q.tierCode === x.code)?.perYear ?? 0;
          return n > 0 ? <Typography.Text strong>{n}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;
        },
      })),
      ...(canEdit
        ? [
            {
              title: '',
              key: 'edit',
              width: 70,
              render: (_: unknown, p: Privilege) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ p })} data-testid={`catalogue-edit-${p.code}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, pick, ladder.data, canEdit],
  );

  if (catalogue.isError) return <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('privileges.catalogue.hint')}</Typography.Paragraph>
      <Table<Privilege>
        data-testid="catalogue-table"
        size="middle"
        rowKey="code"
        loading={catalogue.isPending}
        dataSource={catalogue.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 520 + (ladder.data?.length ?? 0) * 90 }}
        onRow={(p) => ({ 'data-testid': `catalogue-row-${p.code}` }) as HTMLAttributes<HTMLElement>}
      />
      {canEdit ? (
        <Button icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing({ p: null })} data-testid="catalogue-add">
          {t('privileges.catalogue.add')}
        </Button>
      ) : null}
      {editing ? <PrivilegeDialog privilege={editing.p} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
