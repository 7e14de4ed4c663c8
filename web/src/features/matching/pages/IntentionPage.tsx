import { App, Button, Card, Checkbox, DatePicker, Flex, Form, InputNumber, Skeleton, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { useCityNames } from '../../reference/api';
import { useIntention, useSaveIntention, type Intention } from '../api';
import { ChainSelect, CitySelect, SkillSelect } from '../components/refSelects';

interface Values {
  openToWork: boolean;
  cities: string[];
  anyCity: boolean;
  chains: string[];
  salaryMin: number | null;
  availableFrom: Dayjs | null;
  skills: string[];
}

const toValues = (i: Intention): Values => ({
  openToWork: i.openToWork,
  cities: i.cities,
  anyCity: i.anyCity,
  chains: i.chains,
  salaryMin: i.salaryMin,
  availableFrom: i.availableFrom ? dayjs(i.availableFrom) : null,
  skills: i.skills.map((s) => s.code),
});

function IntentionForm({ intention }: { intention: Intention }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const cityNames = useCityNames();
  const [form] = Form.useForm<Values>();
  const save = useSaveIntention();
  const anyCity = Form.useWatch('anyCity', form);

  const submit = (v: Values) =>
    save.mutate(
      {
        openToWork: v.openToWork,
        cities: v.anyCity ? [] : (v.cities ?? []),
        anyCity: !!v.anyCity,
        chains: v.chains ?? [],
        salaryMin: v.salaryMin ?? null,
        availableFrom: v.availableFrom ? v.availableFrom.format('YYYY-MM-DD') : null,
        skills: v.skills ?? [],
      },
      {
        onSuccess: () => message.success(t('matching.intention.saved')),
        onError: (e) => applyServerErrors(form, e, t),
      },
    );

  return (
    <Form
      form={form}
      name="intention"
      layout="vertical"
      initialValues={toValues(intention)}
      onFinish={submit}
      style={{ maxWidth: 640 }}
    >
      <FormError error={save.error} testId="intention-error" />
      <Form.Item name="openToWork" label={t('matching.intention.openToWork')} valuePropName="checked">
        <Switch data-testid="intention-open" />
      </Form.Item>
      <Form.Item
        name="cities"
        label={t('matching.intention.cities')}
        extra={cityNames.data?.get(intention.homeCityCode)}
      >
        <CitySelect multiple disabled={!!anyCity} data-testid="intention-cities" />
      </Form.Item>
      <Form.Item name="anyCity" valuePropName="checked">
        <Checkbox data-testid="intention-any-city">{t('matching.intention.anyCity')}</Checkbox>
      </Form.Item>
      <Form.Item name="chains" label={t('matching.intention.chains')}>
        <ChainSelect multiple data-testid="intention-chains" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="salaryMin" label={t('matching.intention.salaryMin')}>
          <InputNumber min={0} max={1_000_000} step={500} precision={0} data-testid="intention-salary" />
        </Form.Item>
        <Form.Item name="availableFrom" label={t('matching.intention.availableFrom')}>
          <DatePicker data-testid="intention-available" />
        </Form.Item>
      </Flex>
      <Form.Item name="skills" label={t('matching.intention.skills')} extra={t('matching.intention.skillsHint')}>
        <SkillSelect data-testid="intention-skills" />
      </Form.Item>
      <Flex gap="small">
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="intention-save">
          {t('common.save')}
        </Button>
        <Button onClick={() => navigate('/matching/recommendations')} data-testid="intention-to-recommendations">
          {t('matching.intention.toRecommendations')}
        </Button>
      </Flex>
    </Form>
  );
}

/** 求职意向 (talent): open to work, cities, chains, salary, availability and self-declared skills. */
export function IntentionPage() {
  const t = useT();
  const intention = useIntention();
  return (
    <div data-testid="intention-page">
      <Typography.Title level={3}>{t('matching.intention.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('matching.intention.intro')}</Typography.Paragraph>
      <Card>
        {intention.isError ? (
          <LoadError onRetry={() => void intention.refetch()} />
        ) : intention.data ? (
          <IntentionForm key={intention.data.updatedAt ?? 'new'} intention={intention.data} />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </div>
  );
}
