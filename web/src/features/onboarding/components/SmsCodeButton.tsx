import { App, Button, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { formErrorText } from '../../../api/errorMessage';
import { useT } from '../../../i18n';
import { normalize } from '../../../lib/validators';
import { useSendSmsCode } from '../api';

const COUNTDOWN_SECONDS = 60;

/** 获取验证码: checks the form's phone field, asks the server to send a code, then counts down 60 s. */
export function SmsCodeButton({ form, phoneField = 'phone' }: { form: FormInstance; phoneField?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const send = useSendSmsCode();
  const [left, setLeft] = useState(0);

  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);

  const onClick = async () => {
    try {
      await form.validateFields([phoneField]);
    } catch {
      return; // the field shows what is wrong
    }
    const phone = normalize(String(form.getFieldValue(phoneField) ?? ''));
    send.mutate(phone, {
      onSuccess: () => {
        setLeft(COUNTDOWN_SECONDS);
        message.success(t('onboarding.talent.smsSent'));
      },
      onError: (error) => form.setFields([{ name: phoneField, errors: [formErrorText(error, t)] }]),
    });
  };

  return (
    <Button onClick={() => void onClick()} loading={send.isPending} disabled={left > 0} data-testid="sms-code-button">
      {left > 0 ? t('onboarding.talent.smsResend', { seconds: left }) : t('onboarding.talent.smsSend')}
    </Button>
  );
}
