import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n';

export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('forbidden.subTitle')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
      data-testid="page-403"
    />
  );
}
