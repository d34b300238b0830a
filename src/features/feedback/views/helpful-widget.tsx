// «Was this news helpful?»: two buttons in a form, for the portal to embed.
import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { PublicForm } from './public-form.js';

export interface HelpfulWidgetProps {
  newsId: number;
  /** Omit on publicly cached pages (the route checks the origin instead). */
  csrfToken?: string;
  /** Shown instead of the question's hint after an answer. */
  statusMessage?: string;
  returnTo?: string;
}

export function HelpfulWidget(props: HelpfulWidgetProps) {
  return (
    <PublicForm action={`/news/${props.newsId}/helpful`} csrfToken={props.csrfToken} class="helpful" id="helpful">
      {props.returnTo && <input type="hidden" name="return" value={props.returnTo} />}
      <p class="helpful__question" id={`helpful-${props.newsId}`}>
        آیا این خبر برای شما مفید بود؟
      </p>
      <ButtonGroup>
        <Button type="submit" name="value" value="yes" variant="secondary">
          بله
        </Button>
        <Button type="submit" name="value" value="no" variant="secondary">
          خیر
        </Button>
      </ButtonGroup>
      {props.statusMessage && (
        <p class="helpful__status" role="status">
          {props.statusMessage}
        </p>
      )}
    </PublicForm>
  );
}
