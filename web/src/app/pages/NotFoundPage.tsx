import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n';

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('notFound.subTitle')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
      data-testid="page-404"
    />
  );
}
