import { Alert, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useT, type MessageKey } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { newKey, useBudgets, useLedger, useSetBudget, type Budget, type Ledger, type SubsidyKind } from '../api';
import { shanghaiMinute } from '../../../lib/time';

const YEARS = [2026, 2027, 2028, 2029, 2030];

function BudgetForm({ year, cities }: { year: number; cities: { code: string; name: string }[] }) {
  const t = useT();
  const set = useSetBudget();
  const key = useRef(newKey());
  const [form] = Form.useForm<{ kind: SubsidyKind; cityCode: string; amountYuan: number }>();
  return (
    <>
      <FormError error={set.error} testId="budget-error" />
      <Form
        form={form}
        layout="inline"
        initialValues={{ kind: 'training' }}
        onFinish={(v) =>
          set.mutate({ body: { ...v, year }, key: key.current }, { onSuccess: () => (key.current = newKey()) })
        }
      >
        <Form.Item name="kind" rules={[{ required: true }]}>
          <Select
            style={{ width: 140 }}
            options={(['training', 'skill_upgrade'] as const).map((k) => ({
              value: k,
              label: t(`subsidy.kind.${k}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="cityCode" rules={[{ required: true }]}>
          <Select
            style={{ width: 140 }}
            placeholder={t('subsidy.city')}
            options={cities.map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="amountYuan" rules={[{ required: true }]}>
          <InputNumber min={0} step={10000} placeholder={t('subsidy.budgetAmount')} style={{ width: 160 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={set.isPending}>
          {t('subsidy.setBudget')}
        </Button>
      </Form>
    </>
  );
}

/** 补贴台账: budgets per city and year, account balances (fund → budget → payable → paid), entries. */
export function SubsidyLedgerPage() {
  const t = useT();
  const me = useMe();
  const [year, setYear] = useState(2026);
  const budgets = useBudgets(year);
  const ledger = useLedger(year);
  const canSet = hasAnyPermission(me.data, ['subsidy.approve']);
  const cities = [...new Map((budgets.data?.items ?? []).map((b) => [b.cityCode, b.cityName])).entries()].map(
    ([code, name]) => ({ code, name }),
  );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('menu.subsidyLedger')}</Typography.Title>
      <Space>
        {t('subsidy.year')}
        <Select value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: y }))} />
      </Space>
      <Card title={t('subsidy.budgets')}>
        {canSet && <BudgetForm year={year} cities={cities} />}
        <Table<Budget>
          rowKey={(b) => `${b.kind}:${b.cityCode}`}
          size="small"
          style={{ marginTop: 12 }}
          dataSource={budgets.data?.items ?? []}
          pagination={{ pageSize: 32 }}
          locale={{ emptyText: t('subsidy.empty') }}
          columns={[
            { title: t('subsidy.city'), dataIndex: 'cityName' },
            { title: t('subsidy.kind'), render: (_, b) => t(`subsidy.kind.${b.kind}` as MessageKey) },
            { title: t('subsidy.budgetAmount'), dataIndex: 'amountYuan', align: 'right' },
            { title: t('subsidy.committed'), dataIndex: 'committedYuan', align: 'right' },
            { title: t('subsidy.available'), dataIndex: 'availableYuan', align: 'right' },
          ]}
        />
      </Card>
      <Card title={t('subsidy.ledgerTitle')} data-testid="subsidy-ledger">
        {ledger.data && (
          <Alert
            type={ledger.data.balanced ? 'success' : 'error'}
            showIcon
            title={ledger.data.balanced ? t('subsidy.balanced') : t('subsidy.unbalanced')}
            style={{ marginBottom: 12 }}
            data-testid="ledger-balanced"
          />
        )}
        <Typography.Title level={5}>{t('subsidy.balances')}</Typography.Title>
        <Table<Ledger['balances'][number]>
          rowKey={(b) => `${b.kind}:${b.cityCode}:${b.year}:${b.account}`}
          size="small"
          dataSource={ledger.data?.balances ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('subsidy.city'), dataIndex: 'cityName' },
            { title: t('subsidy.year'), dataIndex: 'year' },
            { title: t('subsidy.kind'), render: (_, b) => t(`subsidy.kind.${b.kind}` as MessageKey) },
            { title: t('subsidy.accountName'), render: (_, b) => t(`subsidy.account.${b.account}` as MessageKey) },
            { title: t('subsidy.balance'), dataIndex: 'balanceYuan', align: 'right' },
          ]}
        />
        <Typography.Title level={5}>{t('subsidy.entries')}</Typography.Title>
        <Table<Ledger['entries'][number]>
          rowKey="id"
          size="small"
          dataSource={ledger.data?.entries ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '#', dataIndex: 'id', width: 70 },
            { title: t('subsidy.createdAt'), render: (_, e) => shanghaiMinute(e.at) },
            { title: t('subsidy.city'), dataIndex: 'cityCode' },
            { title: t('subsidy.memo'), dataIndex: 'memo' },
            {
              title: t('subsidy.lines'),
              render: (_, e) =>
                e.lines
                  .map(
                    (l) =>
                      `${t(`subsidy.account.${l.account}` as MessageKey)} ${l.amountYuan > 0 ? '+' : ''}${l.amountYuan}`,
                  )
                  .join('；'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
