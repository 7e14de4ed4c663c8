import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { usePerson } from '../api';
import { EmploymentTimeline } from '../components/EmploymentTimeline';
import { IdentityButton } from '../components/IdentityButton';
import { genderLabel, tierLabel } from '../labels';

/** A person's profile (masked) and employment timeline; the full ID number only on request, audited. */
export function PersonDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: user } = useMe();
  const person = usePerson(id);

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>
      {t('common.back')}
    </Button>
  );

  if (person.isPending) return <Skeleton active />;
  if (person.isError)
    return (
      <>
        {back}
        <LoadError onRetry={() => void person.refetch()} />
      </>
    );
  const p = person.data;

  return (
    <Flex vertical gap="middle">
      <div>{back}</div>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="person-name">
          {p.name}
        </Typography.Title>
        {hasAnyPermission(user, ['person.pii.read']) && <IdentityButton personId={p.id} />}
      </Flex>
      <Card title={t('person.profile')}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          data-testid="person-profile"
          items={[
            { key: 'gender', label: t('person.gender'), children: genderLabel(p.gender, t) },
            { key: 'birthYear', label: t('person.birthYear'), children: p.birthYear },
            { key: 'idNumber', label: t('person.idNumber'), children: p.idNumberMasked },
            { key: 'phone', label: t('person.phone'), children: p.phoneMasked ?? '—' },
            { key: 'education', label: t('person.education'), children: p.education ?? '—' },
            { key: 'city', label: t('person.city'), children: p.cityName ?? p.cityCode },
            { key: 'tier', label: t('person.tier'), children: tierLabel(p.tier, t) },
          ]}
        />
      </Card>
      <Card title={t('person.employment.title')}>
        <EmploymentTimeline employments={p.employments} />
      </Card>
    </Flex>
  );
}
