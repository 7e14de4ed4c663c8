import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLang, useT } from '../i18n';

export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      title={t('lang.switchTitle')}
      onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
      data-testid="lang-switch"
    >
      {t('lang.switch')}
    </Button>
  );
}
