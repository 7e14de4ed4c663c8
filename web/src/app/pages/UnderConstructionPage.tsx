import { ToolOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useT } from '../../i18n';

export function UnderConstructionPage() {
  const t = useT();
  return (
    <Result
      icon={<ToolOutlined />}
      title={t('placeholder.title')}
      subTitle={t('placeholder.subTitle')}
      data-testid="page-under-construction"
    />
  );
}
