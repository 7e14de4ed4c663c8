import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { OccupationSelect } from '../../reference/components/OccupationSelect';
import { useCreateDemand, useUpdateDemand, type Demand, type DemandInput } from '../api';
import { ChainSelect, CitySelect, LevelSelect, SkillSelect } from './refSelects';

interface Values {
  title?: string;
  occupation?: string;
  minLevel?: string;
  requiredSkills?: string[];
  preferredSkills?: string[];
  chain?: string;
  cityCode?: string;
  headcount?: number;
  salaryMin?: number | null;
  salaryMax?: number | null;
  deadline?: Dayjs | null;
  digital?: boolean;
  description?: string;
}

const toValues = (d: Demand | null, defaultCity: string | undefined): Values =>
  d
    ? {
        title: d.title,
        occupation: d.occupationCode,
        minLevel: d.minLevel ?? undefined,
        requiredSkills: d.requiredSkills.map((s) => s.code),
        preferredSkills: d.preferredSkills.map((s) => s.code),
        chain: d.chain ?? undefined,
        cityCode: d.cityCode,
        headcount: d.headcount,
        salaryMin: d.salaryMin,
        salaryMax: d.salaryMax,
        deadline: d.deadline ? dayjs(d.deadline) : null,
        digital: d.digitalPost,
        description: d.description ?? undefined,
      }
    : { headcount: 1, digital: true, cityCode: defaultCity, requiredSkills: [], preferredSkills: [] };

const toInput = (v: Values): DemandInput => ({
  title: (v.title ?? '').trim(),
  occupationCode: v.occupation!,
  minLevel: v.minLevel ?? null,
  requiredSkills: v.requiredSkills ?? [],
  preferredSkills: v.preferredSkills ?? [],
  chain: v.chain ?? null,
  cityCode: v.cityCode!,
  headcount: v.headcount ?? 1,
  salaryMin: v.salaryMin ?? null,
  salaryMax: v.salaryMax ?? null,
  deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
  digitalPost: !!v.digital,
  description: v.description?.trim() || null,
});

/** 新建需求 / 编辑需求: occupation, level and skills from the reference data; a new demand starts as a draft. */
export function DemandFormModal({
  demand,
  defaultCity,
  onClose,
  onSaved,
}: {
  /** null: a new demand. */
  demand: Demand | null;
  defaultCity?: string;
  onClose: () => void;
  onSaved?: (d: Demand) => void;
}) {
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDemand();
  const update = useUpdateDemand();
  const mutation = demand ? update : create;

  const submit = (v: Values) => {
    const body = toInput(v);
    const done = {
      onSuccess: (d: Demand) => {
        message.success(t(demand ? 'matching.demand.saved' : 'matching.demand.created'));
        onSaved?.(d);
        onClose();
      },
      onError: (e: unknown) => applyServerErrors(form, e, t),
    };
    if (demand) update.mutate({ id: demand.id, body }, done);
    else create.mutate(body, done);
  };

  return (
    <Modal
      open
      width={720}
      title={t(demand ? 'matching.demand.edit' : 'matching.demand.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <SubmitFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={mutation.isPending}
          label={t('common.save')}
          testId="demand-form-submit"
        />
      }
      data-testid="demand-form-modal"
    >
      <FormError error={mutation.error} testId="demand-form-error" />
      <Form
        form={form}
        name="demandForm"
        layout="vertical"
        initialValues={toValues(demand, defaultCity)}
        onFinish={submit}
      >
        <Form.Item
          name="title"
          label={t('matching.demand.title')}
          rules={[rules.input('matching.demand.title'), rules.max(60)]}
        >
          <Input maxLength={60} data-testid="demand-form-title" />
        </Form.Item>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item
            name="occupation"
            label={t('matching.demand.occupation')}
            rules={[rules.select('matching.demand.occupation')]}
            style={{ flex: 2 }}
          >
            <OccupationSelect data-testid="demand-form-occupation" />
          </Form.Item>
          <Form.Item name="minLevel" label={t('matching.demand.minLevel')} style={{ flex: 1 }}>
            <LevelSelect data-testid="demand-form-level" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="requiredSkills" label={t('matching.demand.requiredSkills')}>
          <SkillSelect data-testid="demand-form-required" />
        </Form.Item>
        <Form.Item name="preferredSkills" label={t('matching.demand.preferredSkills')}>
          <SkillSelect data-testid="demand-form-preferred" />
        </Form.Item>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item
            name="cityCode"
            label={t('matching.demand.city')}
            rules={[rules.select('matching.demand.city')]}
            style={{ flex: 1 }}
          >
            <CitySelect data-testid="demand-form-city" />
          </Form.Item>
          <Form.Item name="chain" label={t('matching.demand.chain')} style={{ flex: 1 }}>
            <ChainSelect data-testid="demand-form-chain" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item
            name="headcount"
            label={t('matching.demand.headcount')}
            rules={[rules.select('matching.demand.headcount')]}
          >
            <InputNumber min={1} max={10000} precision={0} data-testid="demand-form-headcount" />
          </Form.Item>
          <Form.Item name="salaryMin" label={t('matching.demand.salaryMin') + t('matching.demand.salary')}>
            <InputNumber min={0} step={500} precision={0} data-testid="demand-form-salary-min" />
          </Form.Item>
          <Form.Item
            name="salaryMax"
            label={t('matching.demand.salaryMax')}
            dependencies={['salaryMin']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, v: number | null | undefined) => {
                  const min = getFieldValue('salaryMin') as number | null | undefined;
                  return v == null || min == null || v >= min
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('validate.invalid')));
                },
              }),
            ]}
          >
            <InputNumber min={0} step={500} precision={0} data-testid="demand-form-salary-max" />
          </Form.Item>
          <Form.Item name="deadline" label={t('matching.demand.deadline')}>
            <DatePicker data-testid="demand-form-deadline" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="digital" valuePropName="checked">
          <Checkbox data-testid="demand-form-digital">{t('matching.demand.digital')}</Checkbox>
        </Form.Item>
        <Form.Item name="description" label={t('matching.demand.description')} rules={[rules.max(2000)]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="demand-form-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
