/** The 批量导入 strings (template, upload, validation, commit, history); i18n.tsx merges them in. */
export const importMessagesZh = {
  'menu.importPersons': '批量导入',
  'import.button': '批量导入',
  'import.persons.title': '人员批量导入',
  'import.persons.intro':
    '按模板填写人员信息（可同时登记工作单位和岗位），上传后系统逐行校验；校验完成后由您确认，才会写入人才库。',

  'import.step.template': '下载模板',
  'import.step.upload': '上传文件',
  'import.step.validate': '校验',
  'import.step.commit': '确认导入',
  'import.step.done': '完成',

  'import.template.title': '第一步：下载模板',
  'import.template.help':
    '模板含表头、示例行（导入时自动忽略）、下拉选项和“填写说明”工作表。请勿修改表头；身份证号、手机号、统一社会信用代码请保持文本格式。',
  'import.template.download': '下载模板',
  'import.upload.title': '第二步：上传填写好的文件',
  'import.upload.text': '点击或将文件拖到此处上传',
  'import.upload.hint': '支持 .xlsx 或 .csv（UTF-8 或 GBK 编码），不超过 50 MB；修改后的结果文件也可以直接上传',
  'import.upload.uploading': '正在上传“{name}”…',

  'import.batch.file': '文件',
  'import.batch.uploadedAt': '上传时间',
  'import.batch.status': '状态',
  'import.progress.rows': '{done} / {total} 行',
  'import.progress.rowsSoFar': '已处理 {done} 行',
  'import.progress.waiting': '排队等待中…',
  'import.validating.help': '正在逐行校验。可以离开本页，稍后在“我的导入记录”中打开本批次查看结果。',
  'import.committing.help': '正在写入。全部写入成功才生效；出错时不写入任何数据。',

  'import.totals.total': '总行数',
  'import.totals.valid': '正确',
  'import.totals.error': '错误',
  'import.errors.title': '错误明细',
  'import.errors.row': '行号',
  'import.errors.rowN': '第 {row} 行',
  'import.errors.column': '列',
  'import.errors.wholeRow': '（整行）',
  'import.errors.message': '错误说明',
  'import.errors.total': '共 {total} 条错误',
  'import.result.download': '下载结果文件',
  'import.result.help': '结果文件是上传的原表加上“错误说明”列；在其中修改后可以直接重新上传。',

  'import.commit.title': '确认导入',
  'import.commit.all': '全部正确才导入',
  'import.commit.allHelp': '全部 {n} 行校验通过，将全部导入。',
  'import.commit.allBlocked':
    '有 {n} 行存在错误，不能“全部正确才导入”。请下载结果文件修改后重新上传，或选择“仅导入正确的行”。',
  'import.commit.valid': '仅导入正确的行',
  'import.commit.validHelp': '导入 {valid} 行正确的数据，跳过 {errors} 行有错误的数据。',
  'import.commit.confirmTitle': '仅导入正确的行？',
  'import.commit.confirmContent':
    '将导入 {valid} 行，跳过 {errors} 行有错误的数据（这些行不会写入）。跳过的行可以在结果文件中修改后再次上传。',
  'import.commit.confirmOk': '确认导入',
  'import.commit.noValid': '没有校验通过的行，无法导入。请下载结果文件修改后重新上传。',

  'import.outcome.title': '导入完成',
  'import.outcome.rows': '导入行数',
  'import.outcome.personsInserted': '新增人员',
  'import.outcome.personsExisting': '已在人才库（未改写）',
  'import.outcome.employmentsInserted': '新增就业信息',
  'import.outcome.employmentsExisting': '已有的就业信息',
  'import.outcome.targetsChanged': '更新的目标值',
  'import.outcome.targetsUnchanged': '未变化的目标值',
  'import.outcome.skipped': '跳过的错误行',
  'import.outcome.toList': '前往人才库',

  'import.newUpload': '上传新文件',
  'import.history.title': '我的导入记录',
  'import.history.rows': '总行数 / 正确 / 错误',
  'import.history.message': '说明',
} as const;

export const importMessagesEn: Record<keyof typeof importMessagesZh, string> = {
  'menu.importPersons': 'Bulk import',
  'import.button': 'Bulk import',
  'import.persons.title': 'Import persons',
  'import.persons.intro':
    'Fill in persons (optionally with their employer and post) using the template. After upload every row is checked; nothing is written to the talent pool until you confirm.',

  'import.step.template': 'Template',
  'import.step.upload': 'Upload',
  'import.step.validate': 'Check',
  'import.step.commit': 'Confirm',
  'import.step.done': 'Done',

  'import.template.title': 'Step 1: download the template',
  'import.template.help':
    'The template has the headers, an example row (ignored on import), drop-down lists and a 填写说明 (instructions) sheet. Do not change the headers; keep ID numbers, phones and credit codes formatted as text.',
  'import.template.download': 'Download template',
  'import.upload.title': 'Step 2: upload the completed file',
  'import.upload.text': 'Click or drag a file here to upload',
  'import.upload.hint': '.xlsx or .csv (UTF-8 or GBK), up to 50 MB; a corrected result file can be uploaded as it is',
  'import.upload.uploading': 'Uploading “{name}”…',

  'import.batch.file': 'File',
  'import.batch.uploadedAt': 'Uploaded',
  'import.batch.status': 'Status',
  'import.progress.rows': '{done} / {total} rows',
  'import.progress.rowsSoFar': '{done} rows so far',
  'import.progress.waiting': 'Queued…',
  'import.validating.help': 'Checking every row. You may leave this page and open the batch later from “My imports”.',
  'import.committing.help': 'Writing. It takes effect only if every row is written; on an error nothing is written.',

  'import.totals.total': 'Rows',
  'import.totals.valid': 'Valid',
  'import.totals.error': 'With errors',
  'import.errors.title': 'Errors',
  'import.errors.row': 'Row',
  'import.errors.rowN': 'Row {row}',
  'import.errors.column': 'Column',
  'import.errors.wholeRow': '(whole row)',
  'import.errors.message': 'Problem',
  'import.errors.total': '{total} errors',
  'import.result.download': 'Download result file',
  'import.result.help':
    'The result file is your upload with a 错误说明 (problem) column; correct it there and upload it again.',

  'import.commit.title': 'Confirm import',
  'import.commit.all': 'Import only if all rows are valid',
  'import.commit.allHelp': 'All {n} rows passed: all will be imported.',
  'import.commit.allBlocked':
    '{n} rows have errors, so “import only if all rows are valid” is not possible. Correct the result file and upload it again, or import the valid rows only.',
  'import.commit.valid': 'Import valid rows only',
  'import.commit.validHelp': 'Imports {valid} valid rows and skips {errors} rows with errors.',
  'import.commit.confirmTitle': 'Import the valid rows only?',
  'import.commit.confirmContent':
    '{valid} rows will be imported and {errors} rows with errors skipped (not written). You can correct the skipped rows in the result file and upload them again.',
  'import.commit.confirmOk': 'Import',
  'import.commit.noValid':
    'No row passed the checks, so nothing can be imported. Correct the result file and upload it again.',

  'import.outcome.title': 'Import complete',
  'import.outcome.rows': 'Rows imported',
  'import.outcome.personsInserted': 'New persons',
  'import.outcome.personsExisting': 'Already registered (unchanged)',
  'import.outcome.employmentsInserted': 'New employments',
  'import.outcome.employmentsExisting': 'Employments already recorded',
  'import.outcome.targetsChanged': 'Targets changed',
  'import.outcome.targetsUnchanged': 'Targets unchanged',
  'import.outcome.skipped': 'Rows with errors skipped',
  'import.outcome.toList': 'Go to the talent pool',

  'import.newUpload': 'Upload another file',
  'import.history.title': 'My imports',
  'import.history.rows': 'Rows / valid / errors',
  'import.history.message': 'Note',
};
