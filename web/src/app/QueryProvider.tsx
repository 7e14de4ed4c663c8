import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate, type NavigateFunction } from 'react-router';
import { isApiError } from '../api/client';
import { createQueryClient, type ErrorSource } from '../api/queryClient';
import { meQueryKey } from '../features/auth/api';
import { useT, type Translate } from '../i18n';

type MessageApi = ReturnType<typeof AntApp.useApp>['message'];

interface Reporter {
  message: MessageApi;
  t: Translate;
  navigate: NavigateFunction;
}

/** The text shown for an error: the server's (Chinese) message, with its request id when there is one. */
export function errorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.badResponse');
  const text = error.isClientSide ? t(error.code === 'NETWORK' ? 'error.network' : 'error.badResponse') : error.message;
  return error.requestId ? text + t('error.requestId', { requestId: error.requestId }) : text;
}

function report(error: unknown, source: ErrorSource, { message, t, navigate }: Reporter, queryClient: QueryClient) {
  const content = errorText(error, t);
  message.error({ content, key: content });
  if (!isApiError(error)) return;
  if (error.status === 401) {
    // The session ended: the route guard takes the user to the login page.
    queryClient.setQueryData(meQueryKey, null);
  } else if (error.status === 403 && source === 'query') {
    navigate('/403', { replace: true });
  }
}

/** TanStack Query, with one global error display (antd message) for every query and mutation. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const { message } = AntApp.useApp();
  const t = useT();
  const navigate = useNavigate();
  const reporter = useRef<Reporter>({ message, t, navigate });
  useEffect(() => {
    reporter.current = { message, t, navigate };
  }, [message, t, navigate]);

  const [queryClient] = useState(() => {
    const client: QueryClient = createQueryClient((error, source) => report(error, source, reporter.current, client));
    return client;
  });

  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
