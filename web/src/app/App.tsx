import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter } from 'react-router';
import { I18nProvider, useLang } from '../i18n';
import { AppRoutes } from './AppRoutes';
import { QueryProvider } from './QueryProvider';

function LocalisedApp() {
  const { lang } = useLang();
  // Date pickers take month and weekday names from dayjs (antd's locale has the rest).
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    // autoInsertSpace off: "登录", not "登 录" (also keeps button text exact for tests).
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <QueryProvider>
            <AppRoutes />
          </QueryProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}
