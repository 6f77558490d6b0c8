// The head-office questionnaire editor: indicators, sections and questions as data; saving writes the
// next version (answers keep theirs). data-testid: sq-list, sq-edit-<code>, sq-form, sq-save
import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SURVEY_QUESTION_KINDS, type SurveyDefinition, type SurveyQuestion, type SurveyQuestionnaire } from '@contracts/surveys';
import { useApiError } from '../../components/use-api-error';
import { useQuestionnaires, useSaveQuestionnaire } from './api';

type QuestionForm = Omit<SurveyQuestion, 'options'> & { optionLines?: string };
type FormValues = { code: string; nameZh: string; nameEn: string; indicators: SurveyDefinition['indicators']; sections: { code: string; titleZh: string; titleEn: string; questions: QuestionForm[] }[] };

function toForm(q: SurveyQuestionnaire | null): FormValues {
  if (!q) return { code: '', nameZh: '', nameEn: '', indicators: [], sections: [{ code: 's1', titleZh: '', titleEn: '', questions: [] }] };
  return {
    code: q.code, nameZh: q.nameZh, nameEn: q.nameEn, indicators: q.definition.indicators,
    sections: q.definition.sections.map((s) => ({ ...s, questions: s.questions.map(({ options, ...rest }) => ({ ...rest, optionLines: (options ?? []).map((o) => `${o.code} ${o.zh} ${o.en}`).join('\n') })) })),
  };
}

function toDefinition(v: FormValues): SurveyDefinition {
  return {
    indicators: v.indicators ?? [],
    sections: v.sections.map((s) => ({
      ...s,
      questions: (s.questions ?? []).map(({ optionLines, indicator, overall, ...q }) => {
        const options = (optionLines ?? '').split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length >= 3).map(([code, zh, ...en]) => ({ code, zh, en: en.join(' ') }));
        return { ...q, required: q.required ?? true, ...(indicator ? { indicator } : {}), ...(overall ? { overall } : {}), ...(options.length ? { options } : {}) };
      }),
    })),
  };
}

export function QuestionnairesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useQuestionnaires();
  const save = useSaveQuestionnaire();
  const onError = useApiError();
  const [editing, setEditing] = useState<SurveyQuestionnaire | null | 'new'>(null);
  const [form] = Form.useForm<FormValues>();
  const indicators = Form.useWatch('indicators', form) ?? [];

  const open = (q: SurveyQuestionnaire | null) => {
    setEditing(q ?? 'new');
    form.setFieldsValue(toForm(q));
  };
  const onFinish = (v: FormValues) => {
    const id = editing === 'new' || editing === null ? null : editing.id;
    const body = id === null ? { code: v.code, nameZh: v.nameZh, nameEn: v.nameEn, definition: toDefinition(v) } : { nameZh: v.nameZh, nameEn: v.nameEn, active: true, definition: toDefinition(v) };
    save.mutate({ id, body }, {
      onSuccess: (q) => {
        void message.success(t('surveys.q.saved', { v: q.currentVersion }));
        setEditing(q);
      },
      onError: (e) => onError(e, form),
    });
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <List
        data-testid="sq-list"
        bordered
        dataSource={list.data ?? []}
        loading={list.isLoading}
        header={<Button type="primary" onClick={() => open(null)}>{t('surveys.q.create')}</Button>}
        renderItem={(q) => (
          <List.Item actions={[<Button key="e" onClick={() => open(q)} data-testid={`sq-edit-${q.code}`}>{t('surveys.q.edit')}</Button>]}>
            <List.Item.Meta title={`${q.nameZh} / ${q.nameEn}`} description={<Space><Tag>{q.code}</Tag><Tag color="blue">{t('surveys.q.version', { v: q.currentVersion })}</Tag>{t('surveys.q.responses', { n: q.responses })}</Space>} />
          </List.Item>
        )}
      />
      {editing !== null && (
        <Card title={t('surveys.q.title')} data-testid="sq-form">
          <Typography.Paragraph type="secondary">{t('surveys.q.versionNote')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={onFinish}>
            <Space wrap align="start">
              <Form.Item name="code" label="Code" rules={[{ required: true }]}><Input disabled={editing !== 'new'} style={{ width: 180 }} /></Form.Item>
              <Form.Item name="nameZh" label="名称" rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
              <Form.Item name="nameEn" label="Name" rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
            </Space>
            <Typography.Title level={5}>{t('surveys.q.indicators')}</Typography.Title>
            <Form.List name="indicators">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap>
                      <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}><Input placeholder="code" style={{ width: 150 }} /></Form.Item>
                      <Form.Item name={[f.name, 'zh']} rules={[{ required: true }]}><Input placeholder="中文" style={{ width: 150 }} /></Form.Item>
                      <Form.Item name={[f.name, 'en']} rules={[{ required: true }]}><Input placeholder="English" style={{ width: 150 }} /></Form.Item>
                      <Button onClick={() => remove(f.name)}>{t('surveys.q.remove')}</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ code: '', zh: '', en: '' })} style={{ marginBottom: 16 }}>+ {t('surveys.q.indicator')}</Button>
                </>
              )}
            </Form.List>
            <Form.List name="sections">
              {(sections, { add: addSection }) => (
                <>
                  {sections.map((s) => (
                    <Card key={s.key} size="small" style={{ marginBottom: 12 }} title={<Space wrap>
                      <Form.Item name={[s.name, 'code']} noStyle><Input style={{ width: 100 }} /></Form.Item>
                      <Form.Item name={[s.name, 'titleZh']} noStyle><Input placeholder="部分标题" style={{ width: 180 }} /></Form.Item>
                      <Form.Item name={[s.name, 'titleEn']} noStyle><Input placeholder="Section title" style={{ width: 180 }} /></Form.Item>
                    </Space>}>
                      <Form.List name={[s.name, 'questions']}>
                        {(qs, { add, remove }) => (
                          <>
                            {qs.map((q) => (
                              <Space key={q.key} wrap align="start" style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 8 }}>
                                <Form.Item name={[q.name, 'code']} label={t('surveys.q.questionCode')} rules={[{ required: true }]}><Input style={{ width: 110 }} /></Form.Item>
                                <Form.Item name={[q.name, 'kind']} label="类型 Kind" rules={[{ required: true }]}>
                                  <Select style={{ width: 140 }} options={SURVEY_QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))} />
                                </Form.Item>
                                <Form.Item name={[q.name, 'textZh']} label="题目" rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
                                <Form.Item name={[q.name, 'textEn']} label="Question" rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
                                <Form.Item name={[q.name, 'indicator']} label={t('surveys.q.indicator')}>
                                  <Select allowClear style={{ width: 140 }} options={indicators.filter((i) => i?.code).map((i) => ({ value: i.code, label: i.zh || i.code }))} />
                                </Form.Item>
                                <Form.Item name={[q.name, 'optionLines']} label={t('surveys.q.options')}><Input.TextArea rows={2} style={{ width: 240 }} /></Form.Item>
                                <Form.Item name={[q.name, 'required']} valuePropName="checked" label=" "><Checkbox>{t('surveys.pub.required')}</Checkbox></Form.Item>
                                <Form.Item name={[q.name, 'overall']} valuePropName="checked" label=" "><Checkbox>{t('surveys.q.overall')}</Checkbox></Form.Item>
                                <Form.Item label=" "><Button onClick={() => remove(q.name)}>{t('surveys.q.remove')}</Button></Form.Item>
                              </Space>
                            ))}
                            <Button onClick={() => add({ code: '', kind: 'rating', textZh: '', textEn: '', required: true })}>+ {t('surveys.q.addQuestion')}</Button>
                          </>
                        )}
                      </Form.List>
                    </Card>
                  ))}
                  <Button onClick={() => addSection({ code: `s${sections.length + 1}`, titleZh: '', titleEn: '', questions: [] })}>+ {t('surveys.q.addSection')}</Button>
                </>
              )}
            </Form.List>
            <div style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sq-save">{t('surveys.q.save')}</Button>
            </div>
          </Form>
        </Card>
      )}
    </Space>
  );
}
