// data-testid: staff-profile, staff-name, staff-no, staff-status, staff-roles, staff-grade,
// staff-change-grade, staff-edit, staff-grade-history, staff-certificates, cert-row-<id>,
// staff-add-certificate, staff-qualification, qual-<item> (data-ok="true|false"),
// staff-record-qualification, staff-back
import { useState, type HTMLAttributes } from 'react';
import { Avatar, Button, Card, Col, Descriptions, Empty, Flex, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  EditOutlined,
  PlusOutlined,
  RiseOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '@contracts/roles';
import { SEQUENCE_LABELS, STATUS_LABELS, type Certificate, type StaffDetail } from '@contracts/org';
import { useAuth } from '../../app/auth';
import { useBi, useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { NotFound } from '../../components/forbidden';
import { SimpleList } from '../../components/simple-list';
import { useStaffDetail } from './api';
import { CertExpiryTag, certRowClass } from './cert-status';
import { STATUS_COLOR } from './colors';
import { ChangeGradeModal, EditStaffModal } from './staff-dialogs';
import { AddCertificateModal, QUALIFICATION_ITEMS, QualificationModal } from './staff-records-dialogs';
import { StaffAccountCard } from './staff-account-card';

type Dialog = 'grade' | 'edit' | 'cert' | 'qual' | null;

function Qualification({ staff, canEdit, onEdit }: { staff: StaffDetail; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const q = staff.qualification;
  return (
    <Card
      title={t('qualification.title')}
      data-testid="staff-qualification"
      extra={
        canEdit ? (
          <Button size="small" icon={<SolutionOutlined />} onClick={onEdit} data-testid="staff-record-qualification">
            {t('qualification.record')}
          </Button>
        ) : null
      }
    >
      {q === null ? (
        <Empty description={t('qualification.none')} />
      ) : (
        <>
          <SimpleList
            size="small"
            items={QUALIFICATION_ITEMS}
            rowKey={(k) => k}
            itemProps={(k) => ({ 'data-testid': `qual-${k}`, 'data-ok': q[k] ? 'true' : 'false' })}
            renderItem={(k) => (
              <>
                <Space>
                  {q[k] ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
                  <span>{t(`qualification.${k}`)}</span>
                </Space>
                <Typography.Text type={q[k] ? 'success' : 'danger'}>{q[k] ? t('qualification.met') : t('qualification.notMet')}</Typography.Text>
              </>
            )}
          />
          {q.notes ? <Typography.Paragraph style={{ marginTop: 8 }}>{q.notes}</Typography.Paragraph> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('qualification.assessed', { date: q.assessedOn, by: q.assessedByName ?? '—' })}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

export function StaffProfilePage() {
  const { t } = useTranslation();
  const bi = useBi();
  const pick = useNamePick();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { id } = useParams();
  const staffId = Number(id);
  const detail = useStaffDetail(Number.isInteger(staffId) ? staffId : 0);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (!Number.isInteger(staffId) || staffId <= 0) return <NotFound />;
  if (detail.isPending) return <FullSpin />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const s = detail.data;
  const manage = can('org.staff.manage');
  // Newest first whatever order the server keeps them in.
  const history = [...s.gradeHistory].sort(
    (a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.createdAt.localeCompare(a.createdAt),
  );
  const grade = s.gradeCode ? t('staff.gradeStep', { grade: pick(s.gradeNameZh, s.gradeNameEn), step: s.gradeStep ?? '—' }) : t('staff.noGrade');

  return (
    <div data-testid="staff-profile">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0, marginBottom: 8 }} data-testid="staff-back">
        {t('common.back')}
      </Button>
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap align="flex-start">
          <Avatar size={64} style={{ background: 'var(--patron-navy)', fontSize: 28, flex: 'none' }}>
            {s.name.slice(0, 1)}
          </Avatar>
          <div style={{ flex: 1, minWidth: 220 }}>
            <Space wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="staff-name">
                {s.name}
              </Typography.Title>
              <Typography.Text type="secondary" data-testid="staff-no">
                {s.staffNo}
              </Typography.Text>
              <Tag color={STATUS_COLOR[s.status]} data-testid="staff-status">
                {bi(STATUS_LABELS[s.status])}
              </Tag>
            </Space>
            <div style={{ margin: '8px 0' }} data-testid="staff-roles">
              {s.roles.map((r) => (
                <Tag key={r} color="geekblue">
                  {bi(ROLE_LABELS[r])}
                </Tag>
              ))}
            </div>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                { key: 'branch', label: t('staff.branch'), children: `${s.branchName}（${s.branchCode}）` },
                { key: 'sequence', label: t('staff.sequence'), children: bi(SEQUENCE_LABELS[s.sequence]) },
                { key: 'grade', label: t('staff.grade'), children: <span data-testid="staff-grade">{grade}</span> },
                { key: 'mobile', label: t('staff.mobile'), children: s.mobile || '—' },
                { key: 'email', label: t('staff.email'), children: s.email || '—' },
                { key: 'hired', label: t('staff.hiredOn'), children: <span style={{ whiteSpace: 'nowrap' }}>{s.hiredOn ?? '—'}</span> },
              ]}
            />
          </div>
          <Flex gap={8} wrap>
            {can('org.staff.grade') && (s.sequence === 'rm' || s.gradeCode !== null) ? (
              <Button type="primary" icon={<RiseOutlined />} onClick={() => setDialog('grade')} data-testid="staff-change-grade">
                {t('staff.changeGrade')}
              </Button>
            ) : null}
            {manage ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="staff-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('staff.gradeHistory')} data-testid="staff-grade-history">
            {history.length === 0 ? (
              <Empty description={t('staff.noGradeHistory')} />
            ) : (
              <Timeline
                items={history.map((g, i) => ({
                  key: g.id,
                  color: i === 0 ? 'red' : 'gray',
                  title: g.effectiveOn,
                  content: (
                    <>
                      <Typography.Text strong>{t('staff.gradeStep', { grade: pick(g.gradeNameZh, g.gradeNameEn), step: g.step })}</Typography.Text>
                      <div>
                        <Typography.Text type="secondary">{g.reason}</Typography.Text>
                      </div>
                      {g.approvedByName ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('staff.approvedBy', { name: g.approvedByName })}
                        </Typography.Text>
                      ) : null}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Qualification staff={s} canEdit={manage} onEdit={() => setDialog('qual')} />
        </Col>
        {can('admin.users') ? (
          <Col xs={24} lg={12}>
            <StaffAccountCard staff={s} />
          </Col>
        ) : null}
        <Col xs={24}>
          <Card
            title={t('staff.certificates')}
            extra={
              manage ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('cert')} data-testid="staff-add-certificate">
                  {t('staff.addCertificate')}
                </Button>
              ) : null
            }
          >
            <Table<Certificate>
              data-testid="staff-certificates"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={s.certificates}
              scroll={{ x: 640 }}
              rowClassName={(c) => certRowClass(c.expiresOn)}
              onRow={(c) => ({ 'data-testid': `cert-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('certs.type'), key: 'type', render: (_, c) => pick(c.typeNameZh, c.typeNameEn) },
                { title: t('certs.number'), dataIndex: 'number' },
                { title: t('certs.issuedOn'), dataIndex: 'issuedOn', width: 120 },
                { title: t('certs.expiresOn'), dataIndex: 'expiresOn', width: 120, render: (d: string | null) => d ?? '—' },
                { title: t('certs.status'), key: 'status', width: 140, render: (_, c) => <CertExpiryTag expiresOn={c.expiresOn} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <ChangeGradeModal staff={s} open={dialog === 'grade'} onClose={() => setDialog(null)} />
      <EditStaffModal staff={s} open={dialog === 'edit'} onClose={() => setDialog(null)} />
      <AddCertificateModal staff={s} open={dialog === 'cert'} onClose={() => setDialog(null)} />
      <QualificationModal staff={s} open={dialog === 'qual'} onClose={() => setDialog(null)} />
    </div>
  );
}
