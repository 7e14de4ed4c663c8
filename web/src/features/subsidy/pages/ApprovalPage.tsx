import { Alert, Card, Space, Typography } from 'antd';
import { useT } from '../../../i18n';
import { ClaimTable } from '../components/ClaimTable';

/** 补贴审批 (province): claims whose 公示 has ended; maker ≠ checker is enforced by the server. */
export function SubsidyApprovalPage() {
  const t = useT();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('menu.subsidyApproval')}</Typography.Title>
      <Alert type="info" showIcon title={t('subsidy.makerChecker')} />
      <Card title={t('subsidy.approvalQueue')} data-testid="subsidy-approval-queue">
        <ClaimTable mode="approval" status="in_notice" />
      </Card>
    </Space>
  );
}
