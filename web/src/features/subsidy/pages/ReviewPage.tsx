import { Card, Space, Typography } from 'antd';
import { useT } from '../../../i18n';
import { ClaimTable } from '../components/ClaimTable';

/** 补贴审核 (city): claims awaiting review; passing starts the 公示. */
export function SubsidyReviewPage() {
  const t = useT();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('menu.subsidyReview')}</Typography.Title>
      <Card title={t('subsidy.reviewQueue')} data-testid="subsidy-review-queue">
        <ClaimTable mode="review" status="submitted" />
      </Card>
      <Card title={t('subsidy.myClaims')}>
        <ClaimTable mode="all" />
      </Card>
    </Space>
  );
}
