// Needs (explicit = stated, hidden = problems not yet voiced) by category, and the open questions an
// RM plans to ask to draw hidden needs out.
// data-testid: customer-needs, need-row-<id> (data-met), need-met-<id>, need-add, need-form-kind,
// need-form-category, need-form-description, need-form-submit, customer-questions,
// question-row-<id>, question-answer-<id>, question-add, question-form-text, question-form-submit,
// answer-form-text, answer-form-submit, needs-filter (explicit/hidden/open segmented)
import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, Modal, Radio, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined, MessageOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import {
  NEED_CATEGORIES, NEED_CATEGORY_LABELS, NEED_KINDS, NEED_KIND_LABELS, type AddNeedBody, type Customer360,
} from '@contracts/customers';
import { useAuth } from '../../app/auth';
import { useBi } from '../../app/lang';
import { SimpleList } from '../../components/simple-list';
import { useApiError } from '../../components/use-api-error';
import { addNeed, addQuestion, setNeedMet, updateQuestion, useCustomerWrite } from './api';

type Need = Customer360['needs'][number];
type Question = Customer360['questions'][number];

export const CATEGORY_COLOR: Record<Need['category'], string> = { information: 'blue', emotional: 'magenta', environment: 'green', convenience: 'orange' };
const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

function AddNeedModal({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<AddNeedBody>();
  const write = useCustomerWrite(customerId, (b: AddNeedBody) => addNeed(customerId, b));
  const submit = async (v: AddNeedBody) => {
    try {
      await write.mutateAsync({ ...v, description: v.description.trim() });
      void message.success(t('customer.needs.added'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('customer.needs.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: write.isPending, 'data-testid': 'need-form-submit' }}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<AddNeedBody> form={form} layout="vertical" initialValues={{ kind: 'explicit', category: 'information' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('customer.needs.kind')} extra={t('customer.needs.kindHint')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="need-form-kind" options={NEED_KINDS.map((k) => ({ value: k, label: bi(NEED_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('customer.needs.category')} rules={[{ required: true }]}>
          <Select data-testid="need-form-category" options={NEED_CATEGORIES.map((k) => ({ value: k, label: bi(NEED_CATEGORY_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('customer.needs.description')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('customer.needs.descriptionRule') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="need-form-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function QuestionModal({ customerId, question, open, onClose }: { customerId: number; question: Question | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<{ text: string; asked: boolean }>();
  const write = useCustomerWrite(customerId, (v: { text: string; asked: boolean }) =>
    question
      ? updateQuestion(customerId, question.id, { answer: v.text.trim() || null, askedAt: v.asked ? (question.askedAt ?? new Date().toISOString()) : null })
      : addQuestion(customerId, v.text.trim()),
  );
  const submit = async (v: { text: string; asked: boolean }) => {
    try {
      await write.mutateAsync(v);
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Modal
      open={open}
      title={question ? t('customer.questions.answerTitle') : t('customer.questions.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: write.isPending, 'data-testid': question ? 'answer-form-submit' : 'question-form-submit' }}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      {question ? (
        <Typography.Paragraph strong>
          <QuestionCircleOutlined /> {question.question}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{t('customer.questions.hint')}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ text: question?.answer ?? '', asked: true }} onFinish={(v) => void submit(v)}>
        <Form.Item
          name="text"
          label={question ? t('customer.questions.answer') : t('customer.questions.question')}
          rules={question ? [{ max: 2000 }] : [{ required: true, whitespace: true, min: 2, max: 500, message: t('customer.questions.rule') }]}
        >
          <Input.TextArea rows={3} maxLength={question ? 2000 : 500} showCount data-testid={question ? 'answer-form-text' : 'question-form-text'} />
        </Form.Item>
        {question ? (
          <Form.Item name="asked" valuePropName="checked">
            <Checkbox>{t('customer.questions.asked')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export function NeedsCard({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const bi = useBi();
  const { can } = useAuth();
  const showError = useApiError();
  const edit = can('customers.edit');
  const [view, setView] = useState<'open' | 'explicit' | 'hidden' | 'all'>('open');
  const [adding, setAdding] = useState(false);
  const toggle = useCustomerWrite(c.id, (v: { needId: number; met: boolean }) => setNeedMet(c.id, v.needId, v.met));
  const needs = c.needs
    .filter((n) => (view === 'open' ? !n.met : view === 'all' ? true : n.kind === view))
    .sort((a, b) => Number(a.met) - Number(b.met) || b.recordedAt.localeCompare(a.recordedAt));
  const openCount = c.needs.filter((n) => !n.met).length;

  return (
    <Card
      title={t('customer.needs.title')}
      extra={
        edit ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="need-add">
            {t('customer.needs.add')}
          </Button>
        ) : null
      }
    >
      <Segmented
        size="small"
        value={view}
        onChange={(v) => setView(v as typeof view)}
        style={{ marginBottom: 8 }}
        data-testid="needs-filter"
        options={[
          { value: 'open', label: t('customer.needs.open', { n: openCount }) },
          { value: 'explicit', label: bi(NEED_KIND_LABELS.explicit) },
          { value: 'hidden', label: bi(NEED_KIND_LABELS.hidden) },
          { value: 'all', label: t('customer.needs.all') },
        ]}
      />
      <SimpleList<Need>
        testId="customer-needs"
        size="small"
        items={needs}
        rowKey={(n) => n.id}
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.needs.none')} />}
        itemProps={(n) => ({ 'data-testid': `need-row-${n.id}`, 'data-met': n.met ? 'true' : 'false' })}
        renderItem={(n) => (
          <Flex justify="space-between" align="flex-start" gap={8} style={{ width: '100%' }}>
            <div style={{ minWidth: 0 }}>
              <Space size={4} wrap style={{ marginBottom: 2 }}>
                <Tag color={n.kind === 'hidden' ? 'volcano' : 'default'}>{bi(NEED_KIND_LABELS[n.kind])}</Tag>
                <Tag color={CATEGORY_COLOR[n.category]}>{bi(NEED_CATEGORY_LABELS[n.category])}</Tag>
                {n.met ? (
                  <Tag color="green" icon={<CheckOutlined />}>
                    {t('customer.needs.met')}
                  </Tag>
                ) : null}
              </Space>
              <div>
                <Typography.Text delete={n.met}>{n.description}</Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {when(n.recordedAt)}
                {n.recordedByName ? ` · ${n.recordedByName}` : ''}
                {n.met && n.metAt ? ` · ${t('customer.needs.metOn', { date: when(n.metAt) })}` : ''}
              </Typography.Text>
            </div>
            {edit ? (
              <Button
                size="small"
                type={n.met ? 'default' : 'primary'}
                ghost={!n.met}
                loading={toggle.isPending && toggle.variables?.needId === n.id}
                onClick={() => toggle.mutateAsync({ needId: n.id, met: !n.met }).catch((e: unknown) => showError(e))}
                data-testid={`need-met-${n.id}`}
              >
                {n.met ? t('customer.needs.reopen') : t('customer.needs.markMet')}
              </Button>
            ) : null}
          </Flex>
        )}
      />
      <AddNeedModal customerId={c.id} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

export function QuestionsCard({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const edit = can('customers.edit');
  const [dialog, setDialog] = useState<{ q: Question | null } | null>(null);
  const questions = [...c.questions].sort((a, b) => Number(a.answer !== null) - Number(b.answer !== null) || b.createdAt.localeCompare(a.createdAt));
  return (
    <Card
      title={t('customer.questions.title')}
      extra={
        edit ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ q: null })} data-testid="question-add">
            {t('customer.questions.add')}
          </Button>
        ) : null
      }
    >
      <SimpleList<Question>
        testId="customer-questions"
        size="small"
        items={questions}
        rowKey={(q) => q.id}
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.questions.none')} />}
        itemProps={(q) => ({ 'data-testid': `question-row-${q.id}` })}
        renderItem={(q) => (
          <Flex justify="space-between" align="flex-start" gap={8} style={{ width: '100%' }}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>
                <QuestionCircleOutlined style={{ color: '#a61b29' }} /> {q.question}
              </Typography.Text>
              {q.answer ? (
                <div>
                  <Typography.Text>
                    <MessageOutlined style={{ color: '#389e0d' }} /> {q.answer}
                  </Typography.Text>
                </div>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {when(q.createdAt)}
                {q.createdByName ? ` · ${q.createdByName}` : ''}
                {' · '}
                {q.askedAt ? t('customer.questions.askedOn', { date: when(q.askedAt) }) : t('customer.questions.notAsked')}
              </Typography.Text>
            </div>
            {edit ? (
              <Button size="small" onClick={() => setDialog({ q })} data-testid={`question-answer-${q.id}`}>
                {q.answer ? t('common.edit') : t('customer.questions.record')}
              </Button>
            ) : null}
          </Flex>
        )}
      />
      {dialog ? <QuestionModal customerId={c.id} question={dialog.q} open onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}
