import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../i18n';

/** The end of a public form: what happened, and the way to the login page. */
export function SuccessResult({ title, subTitle, testId }: { title: string; subTitle?: string; testId: string }) {
  const t = useT();
  return (
    <Result
      status="success"
      title={title}
      subTitle={subTitle}
      extra={
        <Link to="/login">
          <Button type="primary" data-testid={`${testId}-login`}>
            {t('onboarding.goLogin')}
          </Button>
        </Link>
      }
      data-testid={testId}
    />
  );
}
